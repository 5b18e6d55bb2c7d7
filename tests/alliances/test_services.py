"""The alliance's rules, each refused by its service with a Dutch message naming the rule."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Ministry
from alliances import services
from alliances.models import (
    AttendanceStatus,
    BottleneckStatus,
    CivilServiceRank,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    QuorumRule,
)
from areas.models import ActionLine
from core.workflow import transitions_of

from .conftest import MEETING_DAY, START, attend, build_alliance, members, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_second_active_chair_is_refused(alliance_a, bureau_a):
    """An alliance has exactly one active chair: a second one in the same period is refused."""
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance_a,
            actor=bureau_a,
            role=MemberRole.CHAIR,
            is_mayor=True,
            person_name="Tweede Burgemeester",
            start_date=date(2025, 1, 1),
        )
    assert "Regel voorzitter" in str(error.value) and "precies één actieve voorzitter" in str(error.value)
    assert not Person.objects.filter(name="Tweede Burgemeester").exists()


def successor(alliance, actor, role, *, start=date(2025, 1, 1), **extra):
    fields = {"is_mayor": True} if role == MemberRole.CHAIR else {"rank": CivilServiceRank.SG, "ministry": "SZW"}
    fields.update(extra)
    return services.membership_create(
        alliance=alliance,
        actor=actor,
        role=role,
        person_name="Nieuwe Opvolger",
        start_date=start,
        succession=True,
        **fields,
    )


@pytest.mark.parametrize("role", [MemberRole.CHAIR, MemberRole.NATIONAL_REPRESENTATIVE])
def test_succession_ends_the_current_term_the_day_before(alliance_a, bureau_a, role):
    """Succession: the successor starts on day X+1 and the current term ends on day X, in one step,
    so the alliance has exactly one chair (rijksvertegenwoordiger) on every day."""
    current = members(alliance_a, role).get()
    new = successor(alliance_a, bureau_a, role)
    current.refresh_from_db()
    assert current.end_date == date(2024, 12, 31) and new.start_date == date(2025, 1, 1)
    for day in (date(2024, 12, 31), date(2025, 1, 1), date(2025, 6, 1)):
        assert services.composition_problems(alliance=alliance_a, day=day) == []
        assert alliance_a.memberships.active_on(day).filter(role=role).count() == 1


@pytest.mark.parametrize(
    ("role", "rule"),
    [(MemberRole.CHAIR, "Regel voorzitter"), (MemberRole.NATIONAL_REPRESENTATIVE, "Regel rijksvertegenwoordiger")],
)
def test_ending_the_only_chair_or_representative_is_refused(alliance_a, bureau_a, role, rule):
    """Ending the only active chair's (rijksvertegenwoordiger's) term without a successor from the next day
    is refused, naming the rule; nothing changes."""
    current = members(alliance_a, role).get()
    with pytest.raises(ValidationError) as error:
        services.membership_update(membership=current, actor=bureau_a, end_date=date(2025, 12, 31))
    assert rule in str(error.value) and "opvolger" in str(error.value) and "01-01-2026" in str(error.value)
    current.refresh_from_db()
    assert current.end_date is None


def test_moving_an_end_date_earlier_than_the_successors_start_is_refused(alliance_a, bureau_a):
    """After a succession, the old term cannot be ended earlier: that would leave days without a chair."""
    current = members(alliance_a, MemberRole.CHAIR).get()
    successor(alliance_a, bureau_a, MemberRole.CHAIR)
    current.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.membership_update(membership=current, actor=bureau_a, end_date=date(2024, 6, 30))
    assert "Regel voorzitter" in str(error.value)
    # Keeping the end date as it is (saving other fields) is fine.
    services.membership_update(membership=current, actor=bureau_a, end_date=date(2024, 12, 31))


def test_changing_the_current_chairs_role_is_refused(alliance_a, bureau_a):
    """Turning the current chair into an alderman would leave the alliance without a chair."""
    current = members(alliance_a, MemberRole.CHAIR).get()
    with pytest.raises(ValidationError) as error:
        services.membership_update(membership=current, actor=bureau_a, role=MemberRole.ALDERMAN)
    assert "Regel voorzitter" in str(error.value) and "kan niet wijzigen" in str(error.value)


@pytest.mark.parametrize("role", [MemberRole.CHAIR, MemberRole.NATIONAL_REPRESENTATIVE])
def test_deleting_the_current_chair_or_representative_is_refused(alliance_a, bureau_a, role):
    """Deleting the current chair's or rijksvertegenwoordiger's membership is refused; other seats and
    past terms may be deleted (to correct a mistake)."""
    current = members(alliance_a, role).get()
    with pytest.raises(ValidationError) as error:
        services.membership_delete(membership=current, actor=bureau_a)
    assert "precies één actieve" in str(error.value)
    assert Membership.objects.filter(pk=current.pk).exists()
    successor(alliance_a, bureau_a, role, start=date(2025, 1, 1))
    current.refresh_from_db()
    services.membership_delete(membership=current, actor=bureau_a)  # a past term
    assert not Membership.objects.filter(pk=current.pk).exists()
    police = members(alliance_a, MemberRole.POLICE).get()
    services.membership_delete(membership=police, actor=bureau_a)
    assert not Membership.objects.filter(pk=police.pk).exists()


def test_deleting_a_member_who_attended_is_refused(alliance_a, bureau_a, meeting_a):
    """A member who attended a meeting keeps the attendance: end the term instead of deleting."""
    police = members(alliance_a, MemberRole.POLICE).get()
    with pytest.raises(ValidationError) as error:
        services.membership_delete(membership=police, actor=bureau_a)
    assert "Beëindig de termijn" in str(error.value)


def test_succession_needs_someone_to_succeed(alliance_a, bureau_a):
    """Only a chair or rijksvertegenwoordiger succeeds, and only someone seated the day before."""
    with pytest.raises(ValidationError) as error:
        successor(alliance_a, bureau_a, MemberRole.CHAIR, start=date(2024, 1, 1))
    assert "Regel opvolging" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance_a,
            actor=bureau_a,
            role=MemberRole.POLICE,
            person_name="Agent",
            start_date=date(2025, 1, 1),
            succession=True,
        )
    assert "alleen een voorzitter of rijksvertegenwoordiger" in str(error.value)
    assert members(alliance_a, MemberRole.CHAIR).get().end_date is None


def test_chair_must_hold_the_mayors_role(alliance_a, bureau_a):
    """The chair is the mayor; a refused successor leaves the current chair's term as it was."""
    with pytest.raises(ValidationError) as error:
        successor(alliance_a, bureau_a, MemberRole.CHAIR, is_mayor=False)
    assert "de voorzitter van de alliantie is de burgemeester" in str(error.value)
    assert members(alliance_a, MemberRole.CHAIR).get().end_date is None


def test_second_active_national_representative_is_refused(alliance_a, bureau_a):
    """An alliance has exactly one active rijksvertegenwoordiger."""
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance_a,
            actor=bureau_a,
            role=MemberRole.NATIONAL_REPRESENTATIVE,
            rank=CivilServiceRank.SG,
            ministry=Ministry.SZW,
            person_name="Tweede Rijk",
            start_date=date(2025, 1, 1),
        )
    assert "Regel rijksvertegenwoordiger" in str(error.value) and "precies één" in str(error.value)


@pytest.mark.parametrize(
    ("rank", "ministry", "expected"),
    [
        ("", Ministry.OCW, "directeur, DG of SG"),
        (CivilServiceRank.DG, "", "SZW, OCW, VWS, JenV, BZK of VRO"),
    ],
)
def test_national_representative_rank_and_ministry(area_b, bureau_a, national, rank, ministry, expected):
    """The rijksvertegenwoordiger is a director, DG or SG of SZW, OCW, VWS, JenV, BZK or VRO."""
    from alliances.models import Alliance

    alliance = Alliance.objects.create(area=area_b, name="Zuid")
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance,
            actor=national,
            role=MemberRole.NATIONAL_REPRESENTATIVE,
            rank=rank,
            ministry=ministry,
            person_name="Rijk Zonder Rang",
            start_date=date(2025, 1, 1),
        )
    assert "Regel rijksvertegenwoordiger" in str(error.value) and expected in str(error.value)


def test_term_end_before_start_is_refused(alliance_a, bureau_a):
    """Terms: the end is not before the start."""
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance_a,
            actor=bureau_a,
            role=MemberRole.ALDERMAN,
            person_name="Kort Lid",
            start_date=date(2025, 1, 1),
            end_date=date(2024, 1, 1),
        )
    assert "Regel termijn" in str(error.value)


def test_same_person_same_role_twice_is_refused(alliance_a, bureau_a):
    """One person cannot hold two active memberships with the same role in one alliance."""
    alderman = members(alliance_a, MemberRole.ALDERMAN).get()
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            alliance=alliance_a,
            actor=bureau_a,
            role=MemberRole.ALDERMAN,
            person=alderman.person,
            start_date=date(2025, 1, 1),
        )
    assert "Regel één lidmaatschap per rol" in str(error.value)
    # A different role for the same person is fine.
    services.membership_create(
        alliance=alliance_a, actor=bureau_a, role=MemberRole.OTHER, person=alderman.person, start_date=date(2025, 1, 1)
    )


def test_composition_history_keeps_ended_memberships(alliance_a, bureau_a):
    """The history of the composition shows who sat when, also after a term ended."""
    alderman = members(alliance_a, MemberRole.ALDERMAN).get()
    services.membership_update(membership=alderman, actor=bureau_a, end_date=date(2024, 6, 30))
    active = Membership.objects.filter(alliance=alliance_a).active_on(date(2025, 1, 1))
    assert alderman not in active
    assert alderman in Membership.objects.filter(alliance=alliance_a).active_on(date(2024, 3, 1))


def test_other_area_bureau_may_not_change_the_alliance(alliance_a, area_b):
    """Only the area's own programme bureau (and the national team) changes the composition."""
    from tests.conftest import make_user

    other = make_user("bureau_b", "programme_bureau", area=area_b)
    with pytest.raises(PermissionDenied):
        services.membership_create(
            alliance=alliance_a, actor=other, role=MemberRole.OTHER, person_name="X", start_date=START
        )


def test_more_residents_present_than_seats_is_refused(alliance_a, bureau_a):
    """At a meeting no more residents vote than there are seats."""
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    statuses = {m.pk: AttendanceStatus.PRESENT for m in members(alliance_a)}
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=meeting, actor=bureau_a, statuses=statuses)
    assert "Regel bewonerszetels" in str(error.value) and "3 bewoners aanwezig, 2 zetels" in str(error.value)
    assert not meeting.attendances.exists()


def test_nieuw_west_five_of_seven_residents_attend(area_a, bureau_a):
    """Amsterdam Nieuw-West: 5 seats, 7 resident members, 5 attend — accepted; a sixth is refused."""
    alliance = build_alliance(area_a, seats=5, residents=7)
    meeting = Meeting.objects.create(alliance=alliance, date=MEETING_DAY)
    residents = list(members(alliance, MemberRole.RESIDENT))
    statuses = {m.pk: AttendanceStatus.PRESENT for m in members(alliance)}
    for resident in residents[5:]:
        statuses[resident.pk] = AttendanceStatus.EXCUSED
    services.attendance_record(meeting=meeting, actor=bureau_a, statuses=statuses)
    assert meeting.attendances.filter(membership__role="resident", status="present").count() == 5
    statuses[residents[5].pk] = AttendanceStatus.PRESENT
    with pytest.raises(ValidationError, match="6 bewoners aanwezig, 5 zetels"):
        services.attendance_record(meeting=meeting, actor=bureau_a, statuses=statuses)


def test_attendance_of_a_member_not_seated_on_the_date_is_refused(alliance_a, bureau_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=date(2023, 6, 1))  # before every term
    with pytest.raises(ValidationError, match="Regel aanwezigheid"):
        services.attendance_record(
            meeting=meeting, actor=bureau_a, statuses={members(alliance_a).first().pk: AttendanceStatus.PRESENT}
        )


def test_quorum_chair_and_majority(alliance_a):
    """Quorum 'chair plus a majority': residents count up to the seats; the chair must be present."""
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    attend(meeting)
    quorum = services.meeting_quorum(meeting=meeting)
    # 4 others + min(3 residents, 2 seats) = 6 entitled to vote; 4 + 2 present
    assert (quorum.eligible, quorum.present, quorum.chair_present, quorum.met) == (6, 6, True, True)
    chairless = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    attend(chairless, present=list(members(alliance_a).exclude(role=MemberRole.CHAIR)))
    assert services.meeting_quorum(meeting=chairless).met is False


@pytest.mark.parametrize(
    ("seats", "eligible", "needed"),
    [(2, 6, 2), (3, 7, 3)],  # a third of 6 is 2; a third of 7 is 2⅓, so 3
)
def test_quorum_chair_and_third_boundary(area_a, seats, eligible, needed):
    """Quorum 'chair plus a third': exactly a third of the members (chair included) is quorate, one less is not;
    without the chair no number of members is enough."""
    alliance = build_alliance(area_a, seats=seats, residents=3)
    alliance.quorum_rule = QuorumRule.CHAIR_AND_THIRD
    alliance.save()
    chair = members(alliance, MemberRole.CHAIR).get()
    others = list(members(alliance).exclude(role=MemberRole.CHAIR))

    def quorum_with(present):
        meeting = Meeting.objects.create(alliance=alliance, date=MEETING_DAY)
        attend(meeting, present=present)
        return services.meeting_quorum(meeting=meeting)

    at_boundary = quorum_with([chair, *others[: needed - 1]])
    assert (at_boundary.eligible, at_boundary.present, at_boundary.met) == (eligible, needed, True)
    one_less = quorum_with([chair, *others[: needed - 2]])
    assert (one_less.present, one_less.met) == (needed - 1, False)
    chairless = quorum_with(others[:needed])
    assert (chairless.present, chairless.chair_present, chairless.met) == (needed, False, False)


def test_quorum_majority_rule(alliance_a):
    alliance_a.quorum_rule = QuorumRule.MAJORITY
    alliance_a.save()
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    attend(meeting, present=list(members(alliance_a)[:3]))  # 3 of 6
    assert services.meeting_quorum(meeting=meeting).met is False
    meeting.attendances.all().delete()
    attend(meeting, present=list(members(alliance_a)[:4]))  # 4 of 6
    assert services.meeting_quorum(meeting=meeting).met is True


def test_decision_without_quorum_is_refused(alliance_a, bureau_a):
    """A decision in a meeting without quorum is refused, naming the quorum rule."""
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    attend(meeting, present=list(members(alliance_a, MemberRole.RESIDENT)))
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            meeting=meeting, actor=bureau_a, subject=DecisionSubject.OTHER, text="x", outcome=DecisionOutcome.ADOPTED
        )
    assert "Regel quorum" in str(error.value) and "voorzitter niet aanwezig" in str(error.value)
    assert not Decision.objects.filter(meeting=meeting).exists()


def test_endorsement_decision_keeps_the_fields_funding_uses(meeting_a, bureau_a):
    """Funding finds an endorsement by subject, outcome and meeting.alliance.area."""
    decision = services.decision_record(
        meeting=meeting_a,
        actor=bureau_a,
        subject=DecisionSubject.ENDORSE_APPLICATION,
        text="Instemming met de aanvraag.",
        outcome=DecisionOutcome.ADOPTED,
    )
    assert (
        Decision.objects.filter(
            subject=DecisionSubject.ENDORSE_APPLICATION,
            outcome=DecisionOutcome.ADOPTED,
            meeting__alliance__area=meeting_a.alliance.area,
        ).get()
        == decision
    )


def test_adopting_a_new_version_supersedes_the_old(meeting_a, bureau_a, draft_plan_a):
    """Adoption points at a decision; a new version supersedes the previous; one adopted per kind."""
    services.decision_record(
        meeting=meeting_a,
        actor=bureau_a,
        subject=DecisionSubject.ADOPT_PLAN,
        text="Vaststellen v1",
        outcome=DecisionOutcome.ADOPTED,
        plan=draft_plan_a,
    )
    draft_plan_a.refresh_from_db()
    assert draft_plan_a.status == PlanStatus.ADOPTED and draft_plan_a.adopted_by.text == "Vaststellen v1"
    v2 = services.plan_create(
        alliance=meeting_a.alliance,
        actor=bureau_a,
        kind=PlanKind.AREA_PLAN,
        title="Gebiedsplan v2",
        period_start=date(2026, 1, 1),
        period_end=date(2029, 12, 31),
        document=upload("plan.pdf", pdf_bytes()),
    )
    assert v2.version == 2 and v2.status == PlanStatus.DRAFT and v2.document
    decision = services.decision_record(
        meeting=meeting_a,
        actor=bureau_a,
        subject=DecisionSubject.ADOPT_PLAN,
        text="Vaststellen v2",
        outcome=DecisionOutcome.ADOPTED,
        plan=v2,
    )
    draft_plan_a.refresh_from_db()
    v2.refresh_from_db()
    assert (draft_plan_a.status, v2.status, v2.adopted_by) == (PlanStatus.SUPERSEDED, PlanStatus.ADOPTED, decision)
    assert Plan.objects.filter(alliance=meeting_a.alliance, kind=PlanKind.AREA_PLAN, status="adopted").count() == 1
    assert [(t.source, t.target) for t in transitions_of(draft_plan_a)] == [
        ("draft", "adopted"),
        ("adopted", "superseded"),
    ]


def test_plan_adoption_needs_an_adopt_plan_decision(meeting_a, bureau_a, draft_plan_a):
    """Adoption refuses a decision on another subject, a rejected decision, or another alliance's decision."""
    other = services.decision_record(
        meeting=meeting_a, actor=bureau_a, subject=DecisionSubject.OTHER, text="x", outcome=DecisionOutcome.ADOPTED
    )
    with pytest.raises(ValidationError, match="Regel vaststelling"):
        services.plan_adopt(plan=draft_plan_a, decision=other, actor=bureau_a)
    with pytest.raises(ValidationError, match="Regel vaststelling"):
        services.decision_record(
            meeting=meeting_a,
            actor=bureau_a,
            subject=DecisionSubject.OTHER,
            text="x",
            outcome=DecisionOutcome.ADOPTED,
            plan=draft_plan_a,
        )
    draft_plan_a.refresh_from_db()
    assert draft_plan_a.status == PlanStatus.DRAFT


def test_rejected_plan_decision_leaves_the_plan_draft(meeting_a, bureau_a, draft_plan_a):
    services.decision_record(
        meeting=meeting_a,
        actor=bureau_a,
        subject=DecisionSubject.ADOPT_PLAN,
        text="Nog niet",
        outcome=DecisionOutcome.REJECTED,
        plan=draft_plan_a,
    )
    draft_plan_a.refresh_from_db()
    assert draft_plan_a.status == PlanStatus.DRAFT


def test_bottleneck_owner_is_the_areas_national_representative(alliance_a, bureau_a, reference_data):
    """The owner of a bottleneck is the area's rijksvertegenwoordiger; by default it is filled in."""
    line = ActionLine.objects.get(number=1)
    bottleneck = services.bottleneck_create(
        area=alliance_a.area, actor=bureau_a, title="T", description="D", regulation="Wmo 2015", action_line=line
    )
    assert bottleneck.owner.role == MemberRole.NATIONAL_REPRESENTATIVE
    police = members(alliance_a, MemberRole.POLICE).get()
    with pytest.raises(ValidationError, match="Regel eigenaar knelpunt"):
        services.bottleneck_create(
            area=alliance_a.area,
            actor=bureau_a,
            title="T",
            description="D",
            regulation="Wmo 2015",
            action_line=line,
            owner=police,
        )


def test_bottleneck_owner_from_another_area_is_refused(alliance_a, alliance_b, national, reference_data):
    other_rep = members(alliance_b, MemberRole.NATIONAL_REPRESENTATIVE).get()
    with pytest.raises(ValidationError, match="Regel eigenaar knelpunt"):
        services.bottleneck_create(
            area=alliance_a.area,
            actor=national,
            title="T",
            description="D",
            regulation="Wmo",
            action_line=ActionLine.objects.get(number=1),
            owner=other_rep,
        )


def test_bottleneck_workflow_and_resolution_rule(bottleneck_a, bureau_a):
    """signalled → in_progress → escalated → resolved; resolving needs a resolution; the history is kept."""
    services.bottleneck_transition(bottleneck=bottleneck_a, actor=bureau_a, name="start")
    services.bottleneck_transition(bottleneck=bottleneck_a, actor=bureau_a, name="escalate", comment="Naar IPW")
    with pytest.raises(ValidationError, match="Regel afhandeling"):
        services.bottleneck_transition(bottleneck=bottleneck_a, actor=bureau_a, name="resolve")
    services.bottleneck_transition(
        bottleneck=bottleneck_a, actor=bureau_a, name="resolve", resolution="Maatwerk toegestaan."
    )
    bottleneck_a.refresh_from_db()
    assert bottleneck_a.status == BottleneckStatus.RESOLVED and bottleneck_a.resolution == "Maatwerk toegestaan."
    assert [t.target for t in transitions_of(bottleneck_a)] == ["in_progress", "escalated", "resolved"]
    with pytest.raises(ValidationError, match="niet toegestaan"):
        services.bottleneck_transition(bottleneck=bottleneck_a, actor=bureau_a, name="start")


def test_escalation_names_the_national_representative(bottleneck_a, bureau_a):
    bottleneck_a.owner = None
    bottleneck_a.save()
    with pytest.raises(ValidationError, match="Regel escalatie"):
        services.bottleneck_transition(bottleneck=bottleneck_a, actor=bureau_a, name="escalate")


def test_anonymise_blanks_person_and_history_but_keeps_meetings(meeting_a, bureau_a, national):
    """Anonymising blanks name and contact details (also in the history); attendance and decisions stay."""
    decision = services.decision_record(
        meeting=meeting_a, actor=bureau_a, subject=DecisionSubject.OTHER, text="x", outcome=DecisionOutcome.ADOPTED
    )
    membership = members(meeting_a.alliance, MemberRole.ALDERMAN).get()
    person = membership.person
    person.phone = "06-99999999"
    person.save()
    with pytest.raises(PermissionDenied):
        services.person_anonymise(person=person, actor=bureau_a)
    services.person_anonymise(person=person, actor=national)
    person.refresh_from_db()
    assert (person.name, person.email, person.phone) == ("Geanonimiseerd", "", "")
    assert person.anonymised_at is not None
    assert set(person.history.values_list("name", "email", "phone")) == {("Geanonimiseerd", "", "")}
    assert membership.attendances.filter(meeting=meeting_a).exists()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert Membership.objects.filter(pk=membership.pk, person=person).exists()


def test_export_contains_everything_stored_about_a_person(meeting_a):
    membership = members(meeting_a.alliance, MemberRole.ALDERMAN).get()
    data = services.person_export(person=membership.person)
    assert data["persoon"]["naam"] == "Ahmed Wethouder" and data["persoon"]["e-mailadres"] == "ahmed@example.nl"
    assert data["lidmaatschappen"][0]["rol"] == "Wethouder"
    assert data["aanwezigheid"][0]["status"] == "Aanwezig"
    assert data["historie"]


def test_adopt_plan_decision_without_a_plan_is_refused(meeting_a, bureau_a):
    with pytest.raises(ValidationError, match="noemt het conceptplan"):
        services.decision_record(
            meeting=meeting_a,
            actor=bureau_a,
            subject=DecisionSubject.ADOPT_PLAN,
            text="Vaststellen",
            outcome=DecisionOutcome.ADOPTED,
        )
    assert not meeting_a.decisions.exists()
