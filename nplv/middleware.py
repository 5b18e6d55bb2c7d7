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
