from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsline.entities import article_mentions
from newsline.events import (
    EventMention,
    Provenance,
    ResolvedMention,
    article_event_mentions,
    cluster_mentions,
    dateline_place,
    not_a_party,
    party_role,
    titled_people,
    trigger_of,
)
from newsline.jobs.events import states_of_nationalities
from newsline.nlp import sentence_index_of
from newsline.timex import extract_timexes

from .conftest import cleaned_seed

XI, PUTIN, MEDVEDEV = "person:xi-jinping", "person:vladimir-putin", "person:dmitry-medvedev"


def mention(
    article: str, day: dt.date | None, who: tuple[str, ...] = (MEDVEDEV, XI), **kw: object
) -> ResolvedMention:
    fields: dict[str, object] = {
        "article_id": article, "sentence_index": 0, "event_type": "meeting", "participants": who,
        "location": None, "location_priority": 0,
        "date_value": day.isoformat() if day else "XXXX-XX-XX",
        "date_start": day, "date_end": day, "evidence": f"evidence of {article}",
        "status": "past",
    }  # fmt: skip
    fields.update(kw)
    return ResolvedMention(**fields)  # type: ignore[arg-type]


def event_mentions_of(nlp: Language, article: str) -> list:
    cleaned = cleaned_seed(article)
    doc = nlp(cleaned.text)
    sentences = sentence_index_of(doc)
    return article_event_mentions(
        article, doc, article_mentions(doc, sentences), extract_timexes(doc, cleaned.published_date)
    )


def event_mentions_in(nlp: Language, text: str, published: dt.date | None = None) -> list:
    """The event mentions of a text parsed as one article published on ``published``."""
    doc = nlp(text)
    mentions = article_mentions(doc, sentence_index_of(doc))
    return article_event_mentions("a", doc, mentions, extract_timexes(doc, published), published)


def test_000_meeting_sentence_is_an_event_mention_in_beijing_on_the_21st(nlp: Language) -> None:
    first = event_mentions_of(nlp, "000")[0]
    assert first.event_type == "meeting"
    assert first.date_value == "2022-12-21"
    assert first.evidence.startswith("Former Russian President Dmitry Medvedev on Wednesday met")
    assert len(first.participant_starts) == 2
    text = cleaned_seed("000").text
    assert text[first.location_start : first.location_start + 7] == "Beijing"


def test_004_this_meeting_took_place_on_december_12_dates_the_meeting(nlp: Language) -> None:
    first = event_mentions_of(nlp, "004")[0]
    assert first.evidence.startswith("President Xi reiterated China’s stance")
    assert first.date_value == "XXXX-12-12"
    assert first.date_start is None


def test_same_participants_same_day_across_outlets_is_one_event() -> None:
    day = dt.date(2022, 12, 21)
    (event,) = cluster_mentions([mention("000", day), mention("003", day)], {})
    assert event.article_ids == ["000", "003"]
    assert event.n_sources == 2
    assert not event.date_conflict


def test_a_syndicated_copy_adds_no_independent_source_and_outlets_count_once() -> None:
    day = dt.date(2022, 12, 21)
    provenance = {
        "000": Provenance("c1", "000", "kyivindependent.com"),
        "copy": Provenance("c1", "000", "metro.co.uk"),
        "003": Provenance("c3", "003", "aljazeera.com"),
        "003-sequel": Provenance("c4", "003-sequel", "aljazeera.com"),
    }
    (event,) = cluster_mentions(
        [mention(a, day) for a in ("000", "copy", "003", "003-sequel")], provenance
    )
    assert event.n_sources == 2
    assert event.sources == ["aljazeera.com", "kyivindependent.com"]


def test_same_participants_far_apart_are_two_events_and_unknown_dates_stay_apart() -> None:
    events = cluster_mentions(
        [
            mention("000", dt.date(2022, 12, 21)),
            mention("009", dt.date(2023, 12, 12)),
            mention("004", None, date_value="XXXX-12-12"),
        ],
        {},
    )
    assert sorted(e.date_value for e in events) == ["2022-12-21", "2023-12-12", "XXXX-12-12"]
    assert len({e.event_id for e in events}) == 3


def test_outlets_a_day_apart_are_one_event_with_a_date_conflict() -> None:
    (event,) = cluster_mentions(
        [mention("a", dt.date(2022, 12, 21)), mention("b", dt.date(2022, 12, 22))], {}
    )
    assert event.date_conflict


def test_an_undated_mention_joins_its_own_articles_dated_event() -> None:
    events = cluster_mentions(
        [mention("000", dt.date(2022, 12, 21)), mention("000", None, sentence_index=3)], {}
    )
    assert len(events) == 1
    assert len(events[0].evidence) == 2


def test_002_who_speaks_about_a_visit_is_not_its_participant(nlp: Language) -> None:
    # "Lavrov said, “Russia and China play an important role ..., and President Vladimir
    # Putin’s visit to China this week will reinforce this trend.”"
    found = event_mentions_of(nlp, "002")
    text = cleaned_seed("002").text
    lavrov = [e for e in found if e.evidence.startswith("Lavrov said")]
    # Putin's visit to China is read from it, with Putin alone as its party.
    assert [[text[s : s + 15] for s in e.participant_starts] for e in lavrov] == [
        ["Vladimir Putin’"]
    ]
    visit = found[0]
    assert visit.event_type == "visit" and visit.date_value == "XXXX-WXX-4"
    assert visit.evidence.startswith("Russian President Vladimir Putin began a two-day state visit")


def test_one_party_travelling_to_a_named_place_is_a_visit(nlp: Language) -> None:
    text = (
        "Chinese Foreign Minister Wang Yi arrived in Moscow on Monday. "
        "He said the weather was cold."
    )
    (visit,) = event_mentions_in(nlp, text, dt.date(2023, 2, 21))
    assert visit.event_type == "visit"
    assert [text[s : s + 7] for s in visit.participant_starts] == ["Wang Yi"]
    assert text[visit.location_start : visit.location_start + 6] == "Moscow"
    assert visit.date_value == "2023-02-20"


def test_000_medvedevs_visit_to_beijing_is_a_visit_of_one_party(nlp: Language) -> None:
    found = [m for m in event_mentions_of(nlp, "000") if len(m.participant_starts) == 1]
    text = cleaned_seed("000").text
    assert any(
        m.event_type == "visit" and text[m.location_start : m.location_start + 7] == "Beijing"
        for m in found
    ), [m.evidence for m in found]


def test_one_party_visits_to_two_places_on_one_day_are_two_events() -> None:
    day = dt.date(1998, 8, 18)
    albright = ("person:madeleine-albright",)
    events = cluster_mentions(
        [
            mention("a", day, albright, event_type="visit", location="gpe:tanzania"),
            mention("a", day, albright, event_type="visit", location="gpe:kenya"),
        ],
        {},
    )
    assert sorted(e.location for e in events) == ["gpe:kenya", "gpe:tanzania"]
    assert all(e.participants == list(albright) for e in events)
    assert len({e.event_id for e in events}) == 2


def test_a_one_party_visit_joins_the_event_of_its_party_and_place() -> None:
    day = dt.date(2023, 3, 20)
    both = mention("a", day, (PUTIN, XI), event_type="visit", location="gpe:russia")
    alone = mention("b", day, (XI,), event_type="visit", location="gpe:russia")
    elsewhere = mention("c", day, (XI,), event_type="visit", location="gpe:kazakhstan")
    events = cluster_mentions([both, alone, elsewhere], {})
    joined = next(e for e in events if e.location == "gpe:russia")
    assert (joined.participants, joined.article_ids, joined.n_sources) == (
        [PUTIN, XI],
        ["a", "b"],
        2,
    )
    assert len(events) == 2


def test_a_visit_is_where_most_of_its_mentions_go_and_a_meeting_where_most_plainly() -> None:
    day = dt.date(2024, 5, 16)

    def visit(sentence: int, who: tuple[str, ...], where: str, priority: int) -> ResolvedMention:
        return mention("a", day, who, event_type="visit", location=where,
                       location_priority=priority, sentence_index=sentence)  # fmt: skip

    # Seed 002: "a two-day state visit to China", "Putin's visit to China", "Putin, who arrived
    # in Beijing": China. Seed 001: "visit to Russia", "after arriving in Moscow": Moscow.
    state_visit = [
        visit(0, (PUTIN, XI), "gpe:china", 1),
        visit(1, (PUTIN,), "gpe:beijing", 2),
        visit(2, (PUTIN,), "gpe:china", 1),
    ]
    assert [e.location for e in cluster_mentions(state_visit, {})] == ["gpe:china"]
    tied = [visit(0, (PUTIN, XI), "gpe:russia", 1), visit(1, (XI,), "gpe:moscow", 2)]
    assert [e.location for e in cluster_mentions(tied, {})] == ["gpe:moscow"]
    met = [
        mention("a", day, location="gpe:china", location_priority=1, sentence_index=0),
        mention("a", day, location="gpe:china", location_priority=1, sentence_index=1),
        mention("a", day, location="gpe:beijing", location_priority=2, sentence_index=2),
    ]
    assert [e.location for e in cluster_mentions(met, {})] == ["gpe:beijing"]


def test_states_that_confer_meet(nlp: Language) -> None:
    text = "The United States and the Soviet Union conferred in Geneva on Tuesday."
    (meeting,) = event_mentions_in(nlp, text, dt.date(1990, 8, 15))
    assert meeting.event_type == "meeting"
    assert len(meeting.participant_starts) == 2
    assert text[meeting.location_start : meeting.location_start + 6] == "Geneva"


def test_a_pronoun_subject_is_the_one_person_named_before(nlp: Language) -> None:
    text = "Kofi Annan left Baghdad on Sunday. He will meet Tariq Aziz on Monday."
    (meeting,) = event_mentions_in(nlp, text, dt.date(1998, 2, 22))
    assert sorted(text[s : s + 5] for s in meeting.participant_starts) == ["Kofi ", "Tariq"]
    # Two people named before: "he" is nobody's, and one party alone is no meeting.
    text = "Kofi Annan and Bill Richardson left Baghdad. He will meet Tariq Aziz on Monday."
    assert event_mentions_in(nlp, text) == []


def test_a_meeting_that_did_not_happen_is_no_event(nlp: Language) -> None:
    text = "Juanita Castro said she has not visited Elian Gonzalez in Miami."
    assert event_mentions_in(nlp, text) == []


PUBLISHED = dt.date(2023, 3, 15)  # a Wednesday


def statuses(nlp: Language, text: str) -> list[str]:
    return [m.status for m in event_mentions_in(nlp, text, PUBLISHED)]


def test_the_framing_of_a_meeting_gives_its_status(nlp: Language) -> None:
    assert statuses(nlp, "Vladimir Putin met Xi Jinping in Moscow on Monday.") == ["past"]
    assert statuses(nlp, "Vladimir Putin will meet Xi Jinping in Moscow next week.") == [
        "scheduled"
    ]
    assert statuses(nlp, "Xi Jinping is expected to meet Vladimir Putin in Moscow.") == [
        "scheduled"
    ]
    assert statuses(nlp, "Xi Jinping is visiting Russia this week.") == ["ongoing"]
    assert statuses(nlp, "Xi Jinping, ending a three-day visit to Russia, thanked his hosts.") == [
        "ongoing"
    ]
    assert statuses(nlp, "Reporters covered Tony Blair's current visit to Washington.") == [
        "ongoing"
    ]
    # 004: "President Xi's upcoming visit to Russia" is planned, however it is told.
    assert statuses(nlp, "President Xi Jinping's upcoming visit to Russia was discussed.") == [
        "scheduled"
    ]
    # No framing word, but dated after the article was published: planned.
    assert statuses(nlp, "Vladimir Putin meets Joe Biden in Geneva on Monday, March 20.") == [
        "scheduled"
    ]


def test_a_meeting_that_is_only_possible_wished_or_denied_is_no_event(nlp: Language) -> None:
    for text in (
        "Vladimir Putin could meet Xi Jinping in Beijing next month.",
        "Vladimir Putin hopes to meet Xi Jinping in Beijing.",
        "Ukraine called for talks with Russia on Monday.",
        "Officials discussed the possibility of a meeting between Putin and Xi.",
        "Vladimir Putin did not meet Xi Jinping on Monday.",
        "Joe Biden invited Xi Jinping to visit Washington.",
        # BBC business/100: a denial, not a meeting.
        "Bernie Ebbers denied meeting Scott Sullivan to discuss company business.",
        "Former WorldCom chief Bernie Ebbers has denied fraud. Mr Ebbers played down his "
        "working relationship with Scott Sullivan and denied he frequently met him to discuss "
        "company business.",  # nor what the meeting he denies was for
    ):
        assert event_mentions_in(nlp, text, PUBLISHED) == [], text
    # A visit named as an adjunct of another verb is not framed by it.
    (visit,) = event_mentions_in(
        nlp, "On an official visit to Mexico, Louis Freeh asked officials for help.", PUBLISHED
    )
    assert (visit.event_type, visit.status) == ("visit", "past")


def test_a_title_stands_for_the_one_person_who_bears_it(nlp: Language) -> None:
    text = (
        "President George Bush returned to Washington on Saturday. "
        "Officials said the president himself met with John Sununu on Sunday."
    )
    (meeting,) = event_mentions_in(nlp, text, PUBLISHED)
    assert sorted(text[s : s + 4] for s in meeting.participant_starts) == ["Geor", "John"]
    # Two presidents named: "the president" is neither.
    text = (
        "President George Bush spoke to President Mikhail Gorbachev on Saturday. "
        "Officials said the president himself met with John Sununu on Sunday."
    )
    assert [m for m in event_mentions_in(nlp, text, PUBLISHED) if "Sununu" in m.evidence] == []


def test_a_pronoun_stands_for_the_subject_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "Kofi Annan wrapped up a meeting with Saddam Hussein in Baghdad today. "
        "He is expected to meet with Tariq Aziz later this afternoon."
    )
    _, second = event_mentions_in(nlp, text, dt.date(1998, 2, 22))
    assert sorted(text[s : s + 4] for s in second.participant_starts) == ["Kofi", "Tari"]
    assert second.status == "scheduled"
    # A time of day dates the meeting.
    assert second.date_value == "1998-02-22TAF"
    # BBC politics/053: a sentence that says who its subject is is not about the one it names.
    text = (
        "Mr Makarov joined the KGB in 1970s Russia. One of his fellow pupils at intelligence "
        "school was Vladimir Putin. But after arriving in London 13 years ago, he feels this "
        "promise has not been fulfilled."
    )
    assert event_mentions_in(nlp, text, PUBLISHED) == []


def test_who_is_named_near_a_meeting_is_not_always_its_party(nlp: Language) -> None:
    # The possessor of the person met is not a party; the possessor of the meeting is.
    assert event_mentions_in(nlp, "Janet Reno met with Lazaro Gonzalez's lawyer.", PUBLISHED) == []
    text = "Bush's chief objective in his meeting with King Hussein was to close the border."
    (meeting,) = event_mentions_in(nlp, text, PUBLISHED)
    assert sorted(text[s : s + 4] for s in meeting.participant_starts) == ["Bush", "King"]
    # A state that is the subject of a verb far above a noun predicate is not a party.
    text = "Cuba condemned the handling of the meeting between Elian Gonzalez and his father."
    assert all("Cuba" not in text[s : s + 4] for m in event_mentions_in(nlp, text, PUBLISHED)
               for s in m.participant_starts)  # fmt: skip
    # The places a visit goes to are its destination, not its parties.
    assert event_mentions_in(nlp, "Tourists were careful when visiting Kenya and Tanzania.") == []
    (visit,) = event_mentions_in(nlp, "Vladimir Putin visited China in March.", PUBLISHED)
    assert len(visit.participant_starts) == 1 and visit.location_start is not None


def test_an_events_status_is_the_most_certain_of_its_mentions() -> None:
    day = dt.date(2023, 3, 20)
    (event,) = cluster_mentions(
        [mention("a", day, status="scheduled"), mention("b", day, status="past")], {}
    )
    assert event.status == "past"


def test_organisations_are_parties(nlp: Language) -> None:
    text = "OPEC held talks with Iraq in Vienna on Monday."
    (talks,) = event_mentions_in(nlp, text, PUBLISHED)
    assert sorted(text[s : s + 4] for s in talks.participant_starts) == ["Iraq", "OPEC"]
    text = "Lufthansa and Swissair held merger talks in Zurich."
    (merger,) = event_mentions_in(nlp, text, PUBLISHED)
    assert sorted(text[s : s + 4] for s in merger.participant_starts) == ["Luft", "Swis"]


def test_a_date_only_an_inferred_publication_date_gives_is_marked_so() -> None:
    day = dt.date(2024, 5, 16)
    (alone,) = cluster_mentions([mention("002", day, date_inferred=True)], {})
    assert alone.date_inferred
    # Another source with a known date gives the same day: the date no longer rests on inference.
    (both,) = cluster_mentions([mention("002", day, date_inferred=True), mention("000", day)], {})
    assert not both.date_inferred and both.date_value == "2024-05-16"


def parties_of(text: str, event: EventMention) -> list[str]:
    """The participants' words as written, sorted, with the place last ("to Tanzania")."""
    words = sorted(_word_at(text, s) for s in event.participant_starts)
    if event.location_start is not None:
        words.append("to " + _word_at(text, event.location_start))
    return words


def _word_at(text: str, start: int) -> str:
    return text[start:].split()[0].removesuffix("’s").removesuffix("'s").strip(",.")


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "parties"),
    [
        # Paraphrases of sentences of the dev documents (TimeBank, AQUAINT) and of BBC news.
        ("Tony Blair also spoke on the telephone to George Bush on Sunday.", "spoke by phone",
         "call", ["George", "Tony"]),
        ("Juan Gonzalez described his telephone conversations with Fidel Castro.", "phone call",
         "call", ["Fidel", "Juan"]),
        ("Bill Clinton discussed the Iraq crisis with the one ally who has backed him, British "
         "prime minister Tony Blair.", "talked", "talks", ["Bill", "Tony"]),
        ("George Bush and President Gorbachev spoke about the decision for nearly an hour.",
         "spoke with", "talks", ["George", "Gorbachev"]),
        ("Nanjing Auto is in negotiations with Rover on a stake.", "talks", "talks",
         ["Nanjing", "Rover"]),
        ("Mikhail Sytenko left on Tuesday for consultations with the governments of Syria and "
         "Jordan.", "talks", "talks", ["Jordan", "Mikhail", "Syria"]),
        ("Kofi Annan flew to Baghdad on Friday.", "travelled to", "visit", ["Kofi", "to Baghdad"]),
        ("Iran said an Iraqi diplomatic delegation was en route to Tehran.", "en route to",
         "visit", ["Iraqi", "to Tehran"]),
        ("Madeleine Albright spent five hours in Dar es Salaam, Tanzania, on Tuesday.",
         "spent time in", "visit", ["Madeleine", "to Tanzania"]),
        ("Louis Freeh toured the Tanzanian capital on Thursday.", "visited", "visit",
         ["Louis", "to Tanzanian"]),
        ("Tanzanian Foreign Minister Jakaya Kikwete, speaking at a joint news conference with "
         "Madeleine Albright, said there are no ill feelings.", "joint news conference",
         "meeting", ["Jakaya", "Madeleine"]),
    ],
)  # fmt: skip
def test_each_trigger_names_its_event_with_its_parties(
    nlp: Language, text: str, trigger: str, event_type: str, parties: list[str]
) -> None:
    (event,) = event_mentions_in(nlp, text, PUBLISHED)
    doc = nlp(text)
    assert any((t := trigger_of(token)) is not None and t.name == trigger for token in doc)
    assert (event.event_type, parties_of(text, event)) == (event_type, parties)


def test_two_who_speak_to_others_hold_no_talks(nlp: Language) -> None:
    for text in (
        "Tony Blair and Gordon Brown spoke to reporters on Monday.",
        "Tony Blair and Gordon Brown spoke at the rally on Monday.",
        "Tony Blair and Gordon Brown spoke on television on Monday.",
    ):
        assert event_mentions_in(nlp, text, PUBLISHED) == [], text


def test_a_trip_that_names_no_traveller_or_no_place_is_no_visit(nlp: Language) -> None:
    for text in (
        "Forty percent of Jordan's exports go to Iraq.",  # goods, not a party
        "Juan Miguel Gonzalez wants to go home with his son.",  # no named place
        "Madeleine Albright's visit to East Africa was designed to show resolve.",  # a region
    ):
        assert event_mentions_in(nlp, text, PUBLISHED) == [], text


def test_a_visit_to_several_places_is_one_visit_per_place(nlp: Language) -> None:
    text = "Foreign Secretary Jack Straw is to visit Thailand and Indonesia this week."
    visits = event_mentions_in(nlp, text, PUBLISHED)
    assert [parties_of(text, v) for v in visits] == [
        ["Jack", "to Thailand"],
        ["Jack", "to Indonesia"],
    ]
    assert {v.status for v in visits} == {"scheduled"}
    # APW199980817.1193: the verb left out of the second half ("and then ... in Nairobi").
    text = (
        "Albright is scheduled to spend only five hours on the ground in Dar es Salaam, "
        "Tanzania, her first stop Tuesday morning, and then about 5 1/2 hours in Nairobi, "
        "Kenya, later in the day before returning immediately home."
    )
    visits = event_mentions_in(nlp, text, PUBLISHED)
    assert [parties_of(text, v) for v in visits] == [
        ["Albright", "to Tanzania"],
        ["Albright", "to Kenya"],
    ]


def test_each_predicate_of_a_sentence_is_its_own_event(nlp: Language) -> None:
    text = "Vladimir Putin visited Washington for talks with Joe Biden on Monday."
    by_type = {e.event_type: e for e in event_mentions_in(nlp, text, PUBLISHED)}
    assert parties_of(text, by_type["visit"]) == ["Vladimir", "to Washington"]
    # The traveller takes part in the talks he travelled for.
    assert parties_of(text, by_type["talks"])[:2] == ["Joe", "Vladimir"]


def test_states_take_part_by_their_people(nlp: Language) -> None:
    text = (
        "U.N. officials in New York on Friday finished drafting the new rules, in consultation "
        "with Iraqi diplomats."
    )
    (talks,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, talks)[:2] == ["Iraqi", "U.N"]
    doc = nlp("Soviet officials met American counterparts in Geneva.")
    mentions = article_mentions(doc, sentence_index_of(doc))
    (meeting,) = article_event_mentions("a", doc, mentions, [], PUBLISHED)
    assert {doc.text[s:].split()[0] for s in meeting.participant_starts} == {"Soviet", "American"}
    assert [party_role(doc, m, doc[2]) for m in mentions if m.label == "NORP"] == [
        "subject",
        "object",
    ]


def test_people_of_another_clause_are_not_parties(nlp: Language) -> None:
    text = "At the end of his trip to Iraq, Tony Blair said he still admired David Blunkett."
    (visit,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, visit) == ["Tony", "to Iraq"]
    doc = nlp(text)
    mentions = article_mentions(doc, sentence_index_of(doc))
    trip = next(t for t in doc if t.lower_ == "trip")
    assert [not_a_party(doc, m, trip) for m in mentions if m.label == "PERSON"] == [
        None,
        "in another clause",
    ]
    # Whoever speaks after the meeting they had is a party to it, not its reporter.
    text = "After talks with Mahmoud Abbas, Tony Blair said peace was possible."
    (talks,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, talks) == ["Mahmoud", "Tony"]


def test_a_date_of_another_clause_does_not_date_the_event(nlp: Language) -> None:
    text = (
        "Leonid Kuchma met Boris Yeltsin on Friday to sign a plan for trade, which fell to "
        "14 billion dollars last year."
    )
    (meeting,) = event_mentions_in(nlp, text, dt.date(1998, 2, 27))
    assert meeting.date_value == "1998-02-27"


def test_an_event_without_a_place_of_its_own_happened_where_the_story_is_filed(
    nlp: Language,
) -> None:
    text = (
        "MOSCOW (AP)_ Presidents Leonid Kuchma of Ukraine and Boris Yeltsin of Russia signed a "
        "plan on Friday. A major goal of Kuchma's four-day state visit was a trade program."
    )
    doc = nlp(text)
    mentions = article_mentions(doc, sentence_index_of(doc))
    assert dateline_place(text, mentions).text == "MOSCOW"
    (visit,) = article_event_mentions("a", doc, mentions, [], dt.date(1998, 2, 27))
    assert parties_of(text, visit) == ["Kuchma", "to MOSCOW"]
    # A planned visit is not made where the story is filed.
    planned = text.replace("A major goal of Kuchma's four-day state visit was", "Kuchma's "
                           "upcoming visit will bring")  # fmt: skip
    doc = nlp(planned)
    mentions = article_mentions(doc, sentence_index_of(doc))
    assert article_event_mentions("a", doc, mentions, [], dt.date(1998, 2, 27)) == []


def test_a_title_stands_for_the_bearer_of_a_synonym(nlp: Language) -> None:
    text = "King Hussein of Jordan arrived in Washington. The monarch will meet George Bush today."
    meeting = next(e for e in event_mentions_in(nlp, text, PUBLISHED) if e.event_type == "meeting")
    assert parties_of(text, meeting) == ["George", "Hussein"]


def test_nobody_until_and_wants_mean_no_event(nlp: Language) -> None:
    for text in (
        "Nobody talks to Fidel Castro, Juanita Castro said.",
        "The US must hold off until Kofi Annan visits Baghdad.",
        "Juan Miguel Gonzalez wants Cuban diplomats to meet with Elian Gonzalez in Miami.",
    ):
        assert event_mentions_in(nlp, text, PUBLISHED) == [], text


def test_a_one_party_visit_joins_its_groups_visit_not_talks_held_there() -> None:
    day = dt.date(1998, 2, 27)
    talks = mention("a", day, ("person:kuchma", "person:yeltsin"), event_type="talks",
                    location="gpe:moscow")  # fmt: skip
    alone = mention("a", None, ("person:kuchma",), event_type="visit", location="gpe:moscow")
    events = cluster_mentions([talks, alone], {})
    assert sorted((e.event_type, tuple(e.participants)) for e in events) == [
        ("talks", ("person:kuchma", "person:yeltsin")),
        ("visit", ("person:kuchma",)),
    ]
    # Xi's visit to Russia (Putin his host) and, in the same story, Xi arriving in Moscow.
    both = mention("b", None, (PUTIN, XI), event_type="visit", location="gpe:russia")
    arriving = mention("b", None, (XI,), event_type="visit", location="gpe:moscow")
    (visit,) = cluster_mentions([both, arriving], {})
    assert (visit.participants, visit.location) == ([PUTIN, XI], "gpe:moscow")


def test_hosting_is_a_meeting_only_with_a_party(nlp: Language) -> None:
    text = "Vladimir Putin hosted Xi Jinping at the Kremlin on Monday."
    (meeting,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, meeting)[:2] == ["Vladimir", "Xi"]
    text = "Michael Howard will host a news conference every morning, Liam Fox said."
    assert event_mentions_in(nlp, text, PUBLISHED) == []


def test_a_name_in_a_place_slot_is_no_party(nlp: Language) -> None:
    # The model tags the airports as people; "at" names where, not with whom.
    text = "At Heathrow, Gatwick and Glasgow airports, BAA launched consultations on Monday."
    assert event_mentions_in(nlp, text, PUBLISHED) == []
    doc = nlp(text)
    consultations = next(t for t in doc if t.lower_ == "consultations")
    gatwick = next(m for m in article_mentions(doc, sentence_index_of(doc)) if m.text == "Gatwick")
    assert not_a_party(doc, gatwick, consultations) == "in a place's slot"


def test_a_nationality_takes_part_as_its_state_where_the_corpus_has_it() -> None:
    entities = [
        {"entity_id": "norp:iraqi", "name": "Iraqis", "label": "NORP", "iso_code": None},
        {"entity_id": "gpe:iraq", "name": "Iraq", "label": "GPE", "iso_code": "IQ"},
        {"entity_id": "norp:soviet", "name": "Soviet", "label": "NORP", "iso_code": None},
        {"entity_id": "norp:african", "name": "African", "label": "NORP", "iso_code": None},
    ]
    # The corpus names Iraq but not the Soviet Union; "African" names no state.
    assert states_of_nationalities(entities) == {"norp:iraqi": "gpe:iraq"}


# Paraphrases of the AQUAINT wire stories of the events dev set (APW19980818.0515,
# APW19980826.0389, APW199980817.1193, APW19981205.0374, XIE19980821.0077, APW19980306.1001,
# NYT19980206.0466, NYT20000105.0325).
def test_a_title_the_parse_attaches_to_a_name_is_its_bearers_however_far(nlp: Language) -> None:
    text = (
        "Director of the U.S. Federal Bureau of Investigation (FBI) Louis Freeh said here Friday "
        "that the probe goes on. The FBI chief met Kenyan police leaders on Thursday."
    )
    doc = nlp(text)
    people = [m for m in article_mentions(doc, sentence_index_of(doc)) if m.label == "PERSON"]
    assert list(titled_people(doc, people)["director"]) == ["Louis Freeh"]
    # "the FBI chief" is Freeh; "Kenyan police leaders" (a title in the plural) Kenya.
    (meeting,) = event_mentions_in(nlp, text, dt.date(1998, 8, 21))
    assert parties_of(text, meeting) == ["Kenyan", "Louis"]


def test_joined_verbs_share_their_subject_and_each_has_its_own_date(nlp: Language) -> None:
    text = (
        "After touring the Tanzanian capital Thursday and meeting with Kenyan police leaders "
        "Friday morning, Louis Freeh flew home."
    )
    by_type = {e.event_type: e for e in event_mentions_in(nlp, text, dt.date(1998, 8, 21))}
    assert parties_of(text, by_type["meeting"]) == ["Kenyan", "Louis"]
    assert by_type["meeting"].date_value == "1998-08-21TMO"  # its own "Friday morning"
    assert by_type["visit"].date_value == "1998-08-20"
    text = "Madeleine Albright arrived in Nairobi on Tuesday and met President Daniel arap Moi."
    meeting = next(e for e in event_mentions_in(nlp, text, PUBLISHED) if e.event_type == "meeting")
    assert parties_of(text, meeting) == ["Daniel", "Madeleine"]


def test_whom_a_visitor_meets_is_no_visitor(nlp: Language) -> None:
    text = (
        "Madeleine Albright will meet with President Daniel arap Moi in a five-hour visit to Kenya."
    )
    by_type = {e.event_type: e for e in event_mentions_in(nlp, text, PUBLISHED)}
    assert parties_of(text, by_type["visit"]) == ["Madeleine", "to Kenya"]
    assert parties_of(text, by_type["meeting"]) == ["Daniel", "Madeleine"]


def test_a_datelines_names_say_where_not_who(nlp: Language) -> None:
    text = (
        "NAIROBI, Kenya (AP) _ U.S. Ambassador Prudence Bushnell met Trade Minister Joseph "
        "Kimotho on Wednesday."
    )
    (meeting,) = event_mentions_in(nlp, text, dt.date(1998, 8, 26))
    assert parties_of(text, meeting) == ["Joseph", "Prudence", "to Kenya"]
    # A visit that nobody makes (only named nearby) is not made where the story is filed.
    text = "WASHINGTON _ Elian Gonzalez has been wooed with theme-park visits."
    assert event_mentions_in(nlp, text, dt.date(2000, 1, 5)) == []


def test_a_sentence_about_she_keeps_her_whoever_else_it_names(nlp: Language) -> None:
    text = (
        "Madeleine Albright spent five hours in Tanzania. She was scheduled to meet with "
        "President Daniel arap Moi. Then she flew to Nairobi."
    )
    last = event_mentions_in(nlp, text, PUBLISHED)[-1]
    assert parties_of(text, last) == ["Madeleine", "to Nairobi"]


def test_an_event_that_times_another_clause_takes_none_of_its_dates(nlp: Language) -> None:
    text = (
        "Just ahead of Madeleine Albright's trip to Kenya, the State Department on Sunday issued "
        "a warning."
    )
    (visit,) = event_mentions_in(nlp, text, dt.date(1998, 8, 17))
    assert visit.date_value == "XXXX-XX-XX"


def test_the_noun_a_relative_clause_or_a_participle_describes_is_its_subject(
    nlp: Language,
) -> None:
    text = (
        "BAGHDAD, Iraq (AP)_ It was the first time that Scott Ritter, who arrived Thursday, had "
        "been allowed to inspect."
    )
    (visit,) = event_mentions_in(nlp, text, dt.date(1998, 3, 6))
    assert parties_of(text, visit) == ["Scott", "to Iraq"]
    # The model leaves the later "Scharping" untagged: the article's Rudolf Scharping all the same.
    text = (
        "WARSAW, Poland (AP) _ German defense minister Rudolf Scharping said Saturday the alliance "
        "is ready. Scharping, ending a two-day visit, praised its army."
    )
    (visit,) = event_mentions_in(nlp, text, dt.date(1998, 12, 5))
    assert parties_of(text, visit) == ["Scharping", "to Poland"]


def test_who_does_something_else_by_a_verb_is_no_party(nlp: Language) -> None:
    text = (
        "Following are statements made Friday by Lawrence Wechsler, a lawyer, about a meeting "
        "between Betty Currie and Bill Clinton."
    )
    (meeting,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, meeting) == ["Betty", "Bill"]
    doc = nlp(text)
    wechsler = next(
        m for m in article_mentions(doc, sentence_index_of(doc)) if m.text.endswith("Wechsler")
    )
    assert not_a_party(doc, wechsler, doc[14]) == "agent of another"
    # A host or a receiver is a party.
    text = "Xi Jinping was received by Vladimir Putin for talks in Moscow."
    (talks,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, talks) == ["Vladimir", "Xi", "to Moscow"]


def test_a_title_travels_for_its_bearer(nlp: Language) -> None:
    text = (
        "Secretary of State James Baker said on Monday the talks were useful. The secretary will "
        "go to Moscow next month."
    )
    (visit,) = event_mentions_in(nlp, text, PUBLISHED)
    assert (parties_of(text, visit), visit.status) == (["James", "to Moscow"], "scheduled")


def test_a_nationality_in_the_bare_plural_is_its_people_not_its_state(nlp: Language) -> None:
    # NYT19980907.0112: travel advice, not a visit by the United States.
    assert not event_mentions_in(
        nlp, "New announcements suggest that Americans exercise caution when visiting Kenya."
    )
    text = "The Soviets held talks with China on Monday."
    (talks,) = event_mentions_in(nlp, text, PUBLISHED)
    assert parties_of(text, talks) == ["China", "Soviets"]
