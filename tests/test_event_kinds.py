"""Which PLOVER type an act is, where the verb alone misleads (issue 14, this round): a
kidnapping, an attack in words, a police raid, an act asked for. Made-up sentences, the
whole extraction (``analyse_text``), checked on the export."""
from __future__ import annotations

from fixtures.records import events_of


def _types(rec) -> set[str]:
    return {e["type"] for e in rec["events"]}


def test_kidnapping_is_assault_abduct(analyse_text):
    # PLOVER's manual: abduct, kidnap, hijack are ASSAULT 'abduct', not COERCE
    rec = analyse_text("Gunmen kidnapped two aid workers near the border on Sunday.")
    (ev,) = events_of(rec, "ASSAULT")
    assert ev["mode"] == "abduct"
    assert not events_of(rec, "COERCE")


def test_attack_on_a_stance_is_an_accusation(analyse_text):
    rec = analyse_text("The former prime minister has attacked the Labor party's stance on electoral reform.")
    assert _types(rec) == {"ACCUSE"}


def test_attack_on_a_politician_over_an_issue_is_an_accusation(analyse_text):
    rec = analyse_text("Senator Joe Biden attacked Donald Trump on his taxes during the debate.")
    assert "ACCUSE" in _types(rec) and "ASSAULT" not in _types(rec)


def test_attack_on_a_convoy_stays_an_assault(analyse_text):
    rec = analyse_text("Rebels attacked the army convoy on the highway near the border.")
    assert _types(rec) == {"ASSAULT"}


def test_police_raid_is_coercion(analyse_text):
    rec = analyse_text("Indonesian police raided a house in Jakarta last week.")
    (ev,) = events_of(rec, "COERCE")
    assert ev["mode"] == "seize"


def test_military_raid_stays_an_assault(analyse_text):
    rec = analyse_text("Israeli troops raided the village of Beit Omar at dawn.")
    assert _types(rec) == {"ASSAULT"}


def test_act_asked_for_is_no_event(analyse_text):
    # the request is the event; the resignation or withdrawal asked for has not happened
    for text in ("The United States and France repeated their calls for Syria to withdraw from Lebanon.",
                 "Thousands marched in Kinshasa, demanding that the government resign over delayed elections."):
        rec = analyse_text(text)
        assert "RETREAT" not in _types(rec), text
        assert any(n["type"] == "RETREAT" and n["reason"] == "future" for n in rec["non_events"]), text


def test_sanctions_applied_are_a_sanction(analyse_text):
    rec = analyse_text("After the nuclear test, the United States applied economic sanctions against India.")
    assert "SANCTION" in _types(rec) and "COERCE" not in _types(rec)
