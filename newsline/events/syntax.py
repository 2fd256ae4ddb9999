"""What the event grammar asks of a parse: the words of a name, the head of its conjunction, who
stands for a party ("Iraqi diplomats"), titles, and the words whose subject is a predicate's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsline.entities import Mention
from newsline.nlp import governing_verb
from newsline.timex.finding import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Labels of the words that name who stands behind a party noun ("Iraqi", "U.N.", "Syria").
STATE_OR_GROUP = {"GPE", "ORG", "NORP"}

# Where one party's visit goes: a country, city or building, not a region ("East Africa").
DESTINATION_LABELS = {"GPE", "FAC"}

PARTY_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}


def span_of(doc: Doc, item: Mention | Timex) -> Span | None:
    """The tokens of a name or a time expression (widened to whole tokens)."""
    return doc.char_span(item.start_char, item.end_char, alignment_mode="expand")


def conjunction_head(doc: Doc, mention: Mention) -> Token | None:
    """The mention's root word, or the first of the conjunction it is in ("Russia and China":
    Russia for both), whose dependency tells the mention's role in its clause."""
    span = span_of(doc, mention)
    if span is None:
        return None
    return conjunction_head_of(span.root)


def conjunction_head_of(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


# Nouns for the people who act for a state or organisation: "an Iraqi delegation", "U.N.
# officials", "the governments of Syria and Jordan", "Soviet counterparts", "the six nations of
# the Gulf Cooperation Council".
PARTY_NOUNS = {
    "delegation", "official", "diplomat", "government", "counterpart", "authority", "ministry",
    "negotiator", "envoy", "representative", "administration", "leadership", "member",
    "delegate", "emissary", "nation", "country",
}  # fmt: skip


# "the governments of Syria and Jordan", "negotiators for General Motors and the union".
PARTY_NOUN_PREPOSITIONS = {"of", "for"}


def noun_lemma(token: Token) -> str:
    """The word's lemma, lower case; a plural the tagger took for a name ("Negotiators for
    General Motors" opening a sentence) without its "s"."""
    lemma = token.lemma_.lower()
    return lemma.removesuffix("s") if token.pos_ == "PROPN" else lemma


def stands_for_a_party(token: Token) -> bool:
    """ "an Iraqi delegation", "U.N. officials", "the governments of Syria", "negotiators for
    General Motors": a party noun of a named state or organisation, or a title in the plural
    ("Kenyan police leaders", "EU foreign ministers"; "the Soviet leader" is one person:
    ``parties.whom_it_stands_for``)."""
    lemma = noun_lemma(token)
    return (lemma in PARTY_NOUNS or (lemma in TITLES and token.tag_ == "NNS")) and any(
        (c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in STATE_OR_GROUP)
        or (c.dep_ == "prep" and c.lower_ in PARTY_NOUN_PREPOSITIONS
            and any(o.ent_type_ in STATE_OR_GROUP for o in c.children if o.dep_ == "pobj"))
        for c in token.children
    )  # fmt: skip


def role_word(doc: Doc, mention: Mention) -> Token | None:
    """The word whose dependency tells a mention's role in its clause: its root, or the first
    of the conjunction it is in ("Russia and China": Russia for both), or the party noun it
    names ("Iraqi diplomats": diplomats; "the governments of Syria, Jordan": governments)."""
    token = conjunction_head(doc, mention)
    if token is None:
        return None
    # "the United Auto Workers union": the common noun that ends its name; "U.S. Delegate
    # Charles Dallara": a state's delegate; not another name ("Gen Pervez Musharraf's visit",
    # where the model tags the title as an organisation of its own).
    while (
        token.dep_ == "compound"
        and token.head.ent_iob_ == "I"
        and (token.head.pos_ == "NOUN" or token.ent_type_ in ("GPE", "NORP"))
    ):
        token = conjunction_head_of(token.head)
    token = _apposed_to(token)  # "the one ally ..., Tony Blair"
    if token.dep_ in ("amod", "compound", "poss", "nmod") and stands_for_a_party(token.head):
        return _apposed_to(conjunction_head_of(token.head))
    of = token.head
    if (
        token.dep_ == "pobj"
        and of.lower_ in PARTY_NOUN_PREPOSITIONS
        and stands_for_a_party(of.head)
    ):
        return _apposed_to(conjunction_head_of(of.head))
    return token


def _apposed_to(token: Token) -> Token:
    """The noun a word stands in apposition to, which holds its role in the clause."""
    while token.dep_ == "appos" and token.head != token:
        token = conjunction_head_of(token.head)
    return token


# Prepositions by which a noun predicate says what its verb's subject is doing: "was en route
# to Tehran", "was on a visit to Mexico", "finished the rules in consultation with Iraq",
# "visited Washington for talks with Biden", "at a meeting March nine, Danforth informed BP".
STATE_PREPOSITIONS = {"en", "on", "in", "during", "for", "at"}


def does_what_it_names(predicate: Token, verb: Token) -> bool:
    """The verb's subject does what the noun predicate names: "held talks", "was en route",
    "held a series of meetings"."""
    preposition = predicate.head
    if predicate.dep_ == "pobj" and preposition.lower_ == "of" and _a_number_of(preposition.head):
        return does_what_it_names(preposition.head, verb)  # "held a series of meetings"
    return (predicate.head == verb and predicate.dep_ != "conj") or (
        predicate.dep_ == "pobj"
        and preposition.lower_ in STATE_PREPOSITIONS
        and preposition.head == verb
    )


# Nouns that count occasions: "held a series of meetings", "a new round of talks".
NUMBER_NOUNS = {"series", "round", "number", "couple", "string", "spate"}


def _a_number_of(word: Token) -> bool:
    return word.lemma_.lower() in NUMBER_NOUNS


PERSONAL_PRONOUNS = {"he", "she"}
# "during his visit": the possessive that stands for a person as a subject pronoun does.
PERSONAL_POSSESSIVES = {"his", "her"}


# Titles that stand for the one person of an article who bears them ("the president himself
# met with Sununu" where the article names President Bush).
TITLES = {
    "president", "minister", "secretary", "premier", "chancellor", "king", "queen", "pope",
    "director", "chief", "leader", "governor", "senator", "ambassador", "envoy", "general",
    "chairman", "spokesman", "prince", "emperor", "mayor", "commissioner", "attorney",
    "monarch", "sultan", "emir",
}  # fmt: skip


SUBJECT_ROLES = ("nsubj", "nsubjpass")


def subject_heads(predicate: Token) -> list[Token]:
    """The words whose subject is the predicate's: itself, the verb it is the object of or
    says what the subject does ("held talks", "was on a visit"; not "talked about the visit"),
    the verbs it is the complement of ("he is expected to meet": expected), the verb it is joined
    to without a subject of its own ("arrived and met Blair": arrived), and the verb an
    adverbial clause without a subject of its own modifies ("After touring Dar es Salaam, the
    FBI chief said": said)."""
    verb = governing_verb(predicate)
    heads = (
        [predicate, verb]
        if verb is not None and does_what_it_names(predicate, verb)
        else [predicate]
    )
    for _ in range(4):
        head = heads[-1]
        if head.head == head:
            break
        if head.dep_ == "xcomp":
            heads.append(head.head)  # "he is expected to meet"
        elif (
            head.dep_ == "conj"
            and head.pos_ == "VERB"
            and head.head.pos_ == "VERB"
            and not any(c.dep_ in SUBJECT_ROLES for c in head.children)
        ):
            heads.append(head.head)  # "he arrived Monday and met Blair"
        elif head.tag_ == "VBG" and not any(c.dep_ in SUBJECT_ROLES for c in head.children):
            if head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX"):
                heads.append(head.head)  # "arriving in Kenya, she said"
            elif head.dep_ == "pcomp" and head.head.dep_ == "prep":
                heads.append(head.head.head)  # "after touring Dar es Salaam, he said"
            else:
                break
        else:
            break
    return list(dict.fromkeys(heads))


def is_title(token: Token) -> bool:
    """ "the president", "the Soviet leader": a title with a definite article, not a name."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.lemma_.lower() in TITLES
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )
