"""The summary: extractive, deterministic, within its length, over one document or several."""

from __future__ import annotations

from briefing.analyse.directives import find_directives
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from briefing.analyse.summary import summarise
from briefing.languages import width
from conftest import SAMPLE

EN = ("Title\n\nThe ministers met in Lisbon on Monday to discuss the future of ocean trade and port investment. "
      "They agreed that port investment must rise to keep ocean trade growing across the region. "
      "Ocean trade among members rose to record levels last year, led by container traffic and port investment. "
      "The weather in Lisbon was mild.\n")


def test_sample_summary_fits_its_length_leads_and_leaves_the_directives_to_their_list():
    document = read_document(SAMPLE)
    headlines, _ = find_directives(document)
    summary = summarise((document,), 300, headlines)
    assert summary and sum(width(s) for s in summary) <= 300
    assert summary[0].startswith("中共中央总书记习近平4月23日下午在重庆主持召开")  # the lead, condensed
    assert not any(d.text in s for d in headlines for s in summary)  # the directives are listed below it
    for sentence in summary[1:]:  # every other sentence is the source's, at most given its speaker
        assert any(sentence[len(prefix):] in document.text
                   for prefix in ("", headlines[0].speaker, headlines[0].speaker + "强调，", headlines[0].speaker + "指出，"))


def test_summary_is_deterministic_the_lead_first_then_the_most_central():
    document = read_document(SAMPLE)
    first = summarise((document,), 250)
    assert first == summarise((document,), 250)
    assert first[0].startswith("中共中央总书记习近平")
    assert set(summarise((document,), 120)) <= set(first)  # a shorter summary is the same sentences, fewer


def test_english_length_counts_words():
    document = parse_text(EN, "en", "en.txt")
    summary = summarise((document,), 20)
    assert summary and sum(len(s.split()) for s in summary) <= 20


def test_a_set_of_documents_gets_one_summary_from_both():
    zh = read_document(SAMPLE)
    en = parse_text(EN, "en", "en.txt")
    summary = summarise((zh, en), 400)
    assert any(s in zh.text for s in summary) and any(s in en.text for s in summary)
    assert summary.index(next(s for s in summary if s in en.text)) > 0  # documents in order: the first one first


def test_no_length_no_summary():
    assert summarise((read_document(SAMPLE),), 0) == ()
