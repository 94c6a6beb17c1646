"""Reporting frames and speakers of issue 10, on sentences written for these tests: unnamed descriptions kept as
speakers, headline words cut off a name."""
from __future__ import annotations

import pytest

from tests.test_rules_registry import quotes_of


def rows(q):
    return [(r["kind"], r["speaker"] if isinstance(r["speaker"], str) else None, r["speaker_mention"], r["content"])
            for _, r in q.iterrows()]


@pytest.mark.parametrize("body,expected", [
    pytest.param("The former president said the new tax would hurt small farmers in the north.",
                 [("indirect", None, "The former president", "the new tax would hurt small farmers in the north")],
                 id="definite-description"),
    pytest.param("The harbour will reopen in the spring, according to the transport department.",
                 [("indirect", None, "the transport department", "The harbour will reopen in the spring")],
                 id="according-to-description-last"),
    pytest.param("The union backed the deal on Monday, adding that wages would rise by ten percent.",
                 [("indirect", None, "The union", "wages would rise by ten percent")],
                 id="free-participle-description-subject"),
    pytest.param("Democrats said they were in far better shape than at the last convention.",
                 [("indirect", None, "Democrats", "they were in far better shape than at the last convention")],
                 id="party-group-speaks"),
    pytest.param("Many Republicans in the state said the vote had been rigged against their candidate.",
                 [("indirect", None, "Many Republicans in the state", "the vote had been rigged against their candidate")],
                 id="party-group-with-modifiers"),
    pytest.param("Last week the plan said the house had stood empty for years.", [],
                 id="time-phrase-is-no-speaker"),
    pytest.param('The list of winners follows: "Anna, Tom and Maria."', [], id="no-cue-colon-needs-a-speaker"),
])
def test_unnamed_description_speaks(body, expected):
    assert rows(quotes_of(body)) == expected


@pytest.mark.parametrize("body,speaker", [
    pytest.param("Anna Berghof Promises Action On Rents For Tenants.\n\nBerghof said the rents would be frozen for "
                 "two years.", "Anna Berghof", id="headline-verb-glued-to-name"),
    pytest.param("Anna Berghof Says Rents Will Fall Soon.\n\nThe rents would be frozen for two years, Ms. Berghof "
                 "said.", "Anna Berghof", id="headline-cue-glued-to-name"),
    pytest.param("Anna Berghof Says Tom Reed Lied About Rents.\n\nTom Reed denied it. Ms. Berghof said the rents had "
                 "risen twice.", "Anna Berghof", id="headline-verb-before-another-name"),
    pytest.param("Anna Berghof Wins The Vote Again In Linden.\n\nAnna Berghof said the rents would be frozen for two "
                 "years.", "Anna Berghof", id="name-written-out-in-the-body-is-kept"),
])
def test_headline_words_are_not_part_of_a_name(body, speaker):
    q = quotes_of(body)
    assert list(q["speaker"]) == [speaker]


@pytest.mark.parametrize("body,expected", [
    pytest.param('"We will not give up," Anna Berg vowed.', [("direct", "vowed", "We will not give up,")],
                 id="vow"),
    pytest.param('"This is a disgrace," Tom Reed fumed.', [("direct", "fumed", "This is a disgrace,")], id="fume"),
    pytest.param("Anna Berg pledged that the town would rebuild the bridge within a year.",
                 [("indirect", "pledged", "the town would rebuild the bridge within a year")], id="pledge"),
    pytest.param("Tom Reed lamented that the village had lost its last shop.",
                 [("indirect", "lamented", "the village had lost its last shop")], id="lament"),
    pytest.param("Anna Berg reminded voters that the tax had not risen in ten years.",
                 [("indirect", "reminded", "the tax had not risen in ten years")], id="remind-takes-a-listener"),
    pytest.param('Anna Berg condemned the attack as "a cowardly act against our town."',
                 [("direct", "condemned", "a cowardly act against our town.")], id="condemn-frames-a-phrase"),
    pytest.param("Anna Berg praised the volunteers who cleared the road after the storm.", [],
                 id="judgement-verb-without-quote-reports-nothing"),
    pytest.param("Tom Reed was charged with fraud last year.", [], id="charged-with-is-no-report"),
])
def test_reporting_verbs_by_meaning(body, expected):
    q = quotes_of(body)
    assert [(r["kind"], r["cue"], r["content"]) for _, r in q.iterrows()] == expected


@pytest.mark.parametrize("body,speaker,mention", [
    pytest.param("LINDEN \u2014 Sen. Anna Berg (D-Minn.) said the bill would pass before the summer.", "Anna Berg",
                 "Sen. Anna Berg", id="dateline-and-party-tag"),
    pytest.param("LINDEN, Minn. \u2014 The mayor said the bill would pass before the summer.", None, "The mayor",
                 id="dateline-with-state"),
    pytest.param("Rep. Anna Berg (D-Minn.) said the bill would pass before the summer.", "Anna Berg",
                 "Rep. Anna Berg", id="party-tag-after-name"),
])
def test_dateline_and_party_tag_are_not_the_speaker(body, speaker, mention):
    q = quotes_of(body)
    assert [(r["speaker"] if isinstance(r["speaker"], str) else None, r["speaker_mention"]) for _, r in q.iterrows()] \
        == [(speaker, mention)]


@pytest.mark.parametrize("body,expected", [
    pytest.param("Anna Berg explained why the factory would close in the spring.",
                 [("indirect", "explained", "why the factory would close in the spring")], id="explained-why"),
    pytest.param("Tom Reed told reporters how the bridge had collapsed during the storm.",
                 [("indirect", "told", "how the bridge had collapsed during the storm")], id="told-listener-how"),
    pytest.param("Tom Reed told reporters how to reach the shelter.", [], id="how-to-is-no-report"),
    pytest.param("Anna Berg said why not.", [], id="said-is-no-account-cue"),
])
def test_wh_complement(body, expected):
    q = quotes_of(body)
    assert [(r["kind"], r["cue"], r["content"]) for _, r in q.iterrows()] == expected
