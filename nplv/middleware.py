class DutchUnlessChosenMiddleware:
    """Serve Dutch unless the user picked another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; for a Dutch government
    service the default is Dutch, and English is a choice (stored in the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class WorklistCountMiddleware:
    """Forget the remembered number of open tasks after a successful POST: something was done, so the
    count in the navigation may be wrong until the home page counts again (see nplv.worklist)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and response.status_code < 400:
            from .worklist import forget_count

            forget_count(request)
        return response
