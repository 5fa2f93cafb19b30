"""The ``email:`` section of assignment.yaml: the customer emails, what a good reply does,
and how each kind of check counts in the rubric."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from worksample.models import Identifier, StrictModel, repeated
from worksample.prose.rubric import (
    PHRASE_HELP,
    AssignmentFile,
    Phrases,
    ScoredSection,
    WordLimits,
)

CheckKind = Literal["greeting", "sign_off", "name", "questions", "facts", "forbidden",
                    "empathy", "blame", "clarity", "spelling", "next_step"]
CHECK_KINDS: tuple[str, ...] = CheckKind.__args__


class Question(StrictModel):
    """A question the customer asked, and phrases that show a reply answers it."""

    id: Identifier
    asks: str = Field(description="The question in the customer's words, shown as evidence.")
    answered_by: Phrases = Field(min_length=1, description=PHRASE_HELP)


class Fact(StrictModel):
    """A policy fact a correct reply states, optionally with a number that must be right."""

    id: Identifier
    states: str = Field(description="The fact in plain words, shown as evidence.")
    phrases: Phrases = Field(min_length=1, description="What a sentence stating it mentions. "
                             + PHRASE_HELP)
    number: float | None = Field(None, description="The number the sentence must give.")
    tolerance: float = Field(0, ge=0, description="How far the number may be off.")
    unit: str = Field("", description="Shown with the number in evidence, e.g. 'days'.")


class Forbidden(StrictModel):
    """A statement a reply must not make: an off-policy promise, a request for a password."""

    id: Identifier
    means: str = Field(description="What the statement is, shown as evidence.")
    phrases: Phrases = Field(min_length=1, description=PHRASE_HELP)
    unless: Phrases = Field(
        default_factory=list,
        description="Phrases that make a matching sentence acceptable, e.g. 'last 4 digits'.")
    automatic_fail: bool = Field(
        False, description="The whole reply scores 0 when it makes this statement.")
    request: bool | None = Field(
        None, description="Made only by asking the customer for something (a question, "
                          "'please send', 'we'll need your'): a sentence that only mentions "
                          "it ('review who has your login details') does not make it. "
                          "Default: true when `means` starts with 'asks'.")

    @property
    def is_request(self) -> bool:
        """Whether the statement is made only by asking (``request``, or its default)."""
        if self.request is not None:
            return self.request
        return self.means.lower().startswith("asks")


class Length(WordLimits):
    """How long a reply to one email may be, in words."""

    min_words: int = Field(40, ge=0)
    max_words: int = Field(300, gt=0)


class CustomerEmail(StrictModel):
    """One customer email and what a good reply to it does."""

    id: Identifier = Field(description="Replies are matched to the email by this name.")
    file: AssignmentFile = Field(description="The email (.eml, or text with headers), in the "
                                 "folder.")
    customer: str = Field(description="The customer's name as they signed the email.")
    weight: float = Field(1, gt=0, description="Relative weight of this email.")
    questions: list[Question] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    forbidden: list[Forbidden] = Field(default_factory=list)
    length: Length = Field(default_factory=Length)


class PhraseLists(StrictModel):
    """Phrase lists shared by every email. A list given here replaces the default."""

    greeting: Phrases = Field(default_factory=lambda: [
        "hi", "hello", "dear", "hey", "good morning", "good afternoon", "good evening"])
    sign_off: Phrases = Field(default_factory=lambda: [
        "best", "best wishes", "kind regards", "regards", "warm regards", "best regards",
        "sincerely", "thanks", "thank you", "many thanks", "cheers", "all the best",
        "take care"])
    empathy: Phrases = Field(default_factory=lambda: [
        "sorry", "apologi*", "apologies", "i understand", "i can understand", "i can imagine",
        "understandably", "frustrating", "worrying", "stressful", "thank you for your patience",
        "thanks for your patience", "thank you for letting us know",
        "thanks for letting us know", "i appreciate", "that must", "i hear you"])
    blame: Phrases = Field(default_factory=lambda: [
        "you should have", "you should've", "your fault", "you failed to", "you forgot to",
        "you didn't read", "you did not read", "as clearly stated", "as stated in",
        "as i already said", "as i said", "not our problem", "not my problem",
        "not our fault", "not my fault", "nothing we can do", "nothing i can do",
        "calm down", "obviously", "you must have", "user error", "read the policy",
        "read the terms", "not my department", "contact someone else", "that's on you",
        "you need to read", "as i explained", "as i already explained", "as i mentioned",
        "as i already mentioned", "as previously explained", "as previously mentioned",
        "as i've said", "as i've already said", "as i've mentioned", "as i've explained",
        "as i noted", "as i've noted", "as i already noted",
        "as you were told", "as we explained", "as we already explained", "once again"])
    next_step: Phrases = Field(default_factory=lambda: [
        "i will", "i'll", "we will", "we'll", "i am going to", "i'm going to", "i have asked",
        "i've asked", "i have escalated", "i've escalated", "next step", "please reply",
        "just reply", "reply to this", "reply with", "please open", "please go to",
        "please check", "please click", "by tomorrow", "by noon", "by the end of",
        "you will receive", "you'll receive", "you will see", "you'll see", "let me know"],
        description="A commitment or a request with an action. " + PHRASE_HELP)
    negation: Phrases = Field(default_factory=lambda: [
        "not", "never", "no", "cannot", "can't", "won't", "don't", "doesn't", "unable",
        "isn't", "aren't", "neither", "nor"],
        description="Words that, just before a forbidden phrase, make the match uncertain.")


class Clarity(StrictModel):
    """The band a clear reply falls in."""

    grade_min: float = Field(4, description="Lowest Flesch-Kincaid grade level expected.")
    grade_max: float = Field(10, description="Highest Flesch-Kincaid grade level expected.")
    max_average_sentence_words: float = Field(22, gt=0)
    max_sentence_words: int = Field(40, gt=0, description="Longer sentences are run-ons: "
                                    "phrases found in them are left to a reviewer.")
    min_function_word_share: float = Field(
        0.30, ge=0, le=1,
        description="Prose is full of small words (the, to, we, your); a reply with fewer "
                    "reads as a list of keywords, and its matches are left to a reviewer.")


class Spelling(StrictModel):
    """Spelling, with an allow-list for product names and jargon."""

    allow: list[str] = Field(default_factory=list, description="Words never counted as errors.")
    errors_for_zero: float = Field(
        3, gt=0, description="Misspelt words per 100 words at which the check scores 0.")


class EmailSection(ScoredSection):
    """Customer-email replies: each reply is checked against what a good one does."""

    policy: AssignmentFile = Field(description="The policy document the candidate was given.")
    reference: AssignmentFile = Field(description="Folder of reference replies; must score >= 90.")
    emails: list[CustomerEmail] = Field(min_length=1)
    forbidden_everywhere: list[Forbidden] = Field(
        default_factory=list, description="Statements no reply may make, e.g. asking for a "
                                          "password or a full card number.")
    scoring: dict[str, dict[CheckKind, float]] = Field(
        description="Rubric criterion id (source auto) -> check kind -> weight within it.")
    phrases: PhraseLists = Field(default_factory=PhraseLists)
    clarity: Clarity = Field(default_factory=Clarity)
    spelling: Spelling = Field(default_factory=Spelling)
    max_reply_kb: int = Field(64, ge=1, le=10_240, description="Larger replies are not read.")

    @model_validator(mode="after")
    def _unique_email_ids(self) -> EmailSection:
        ids = [email.id for email in self.emails]
        if repeated(ids):
            raise ValueError(f"email ids must be unique; repeated: {repeated(ids)}")
        return self
