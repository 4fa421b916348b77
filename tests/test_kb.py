"""The bundled knowledge base: loads fast, from the package only, with date-bounded roles."""
from __future__ import annotations

import time

from newsgraph.kb import date_key, get_kb, norm


def test_loads_from_package_quickly():
    import newsgraph.kb as kbmod

    kbmod._kb = None
    t = time.perf_counter()
    kb = get_kb()
    assert time.perf_counter() - t < 5.0  # ~0.5 s on an idle machine
    assert "shared" not in str(kbmod.DATA)
    assert kb is get_kb()  # cached


def test_countries_by_name_demonym_capital():
    kb = get_kb()
    assert kb.country("the US") == "USA"
    assert kb.country("United States") == "USA"
    assert kb.country("Iranian") == "IRN"
    assert kb.country("Russians") == "RUS"
    assert kb.country("French") == "FRA"  # not a French dependency
    assert kb.place("Washington") == ("USA", "capital")
    assert kb.country("Bosnia") == "BIH"
    assert kb.country_name("RUS") == "Russia"


def test_institutions_and_igos():
    kb = get_kb()
    k = kb.lookup("the Kremlin")
    assert k is not None and k.id == "org:kremlin"
    r = k.at("2020-01-01")
    assert (r.country, r.sector) == ("RUS", "GOV")
    un = kb.lookup("U.N.")
    assert un is not None and un.country == "IGO"
    assert kb.lookup("United Nations").id == un.id
    assert kb.lookup("Hamas").at(None).sector == "REB"


def test_people_roles_are_date_bounded():
    kb = get_kb()
    trump = kb.lookup("Donald Trump")
    assert trump.country == "USA"
    assert trump.at("2025-06-01").role == "president"
    assert trump.at("2022-06-01").role == "former president"  # not the president then
    assert trump.at("2022-06-01").sector == "ELI"
    assert kb.office_holder("USA", "president", "2022-06-01").name == "Joe Biden"
    assert kb.office_holder("USA", "president", "2025-06-01").name == "Donald Trump"
    assert kb.office_holder("USA", "president", None) is None


def test_name_variants_and_surnames():
    kb = get_kb()
    assert kb.lookup("Joseph Biden").id == kb.lookup("Joe Biden").id
    assert kb.lookup("Omar al-Bashir") is not None
    assert kb.lookup("Carlos Menem").country == "ARG"  # "Carlos Saul Menem"
    assert kb.surname("Putin").name == "Vladimir Putin"
    assert kb.surname("Obama", role="president").name == "Barack Obama"
    assert kb.surname("Zzyzzyva") is None


def test_agents_give_sector_and_role():
    kb = get_kb()
    assert kb.agent("spokesman") == (None, "spokesperson")  # sector comes from the principal
    assert kb.agent("rebels")[0] == "REB"
    assert kb.agent("army")[0] == "MIL"
    assert kb.agent("foreign minister")[0] == "GOV"
    assert kb.agent("outlet")[0] == "JRN"


def test_helpers():
    assert norm("  Nicolás  MADURO’s ") == "nicolas maduro's"
    assert date_key("2024") == "2024-07-01"
    assert date_key("2024-05") == "2024-05-15"
    assert date_key("bad") is None


def test_head_of_state_of_several_realms_keeps_home_country():
    """A monarch listed as head of state of many realms is of the country most of her
    codes name, not the realm whose office started last."""
    from newsgraph.kb import Entity, Role

    kb = get_kb()
    queen = kb.lookup("Queen Elizabeth II")
    assert queen is not None
    assert queen.country == "GBR"
    assert queen.at("2020-06-01").country == "GBR"
    # the rule itself, on a made-up entity: offices at once in A (one code) and B (three)
    e = Entity(0, "X", "person", [Role("BBB", "GOV", None, "", ""), Role("BBB", "ELI", None, "", ""),
                                  Role("AAA", "GOV", "king", "1990-01-01", ""),
                                  Role("BBB", "GOV", "king", "1980-01-01", "")])
    assert e.country == "BBB"
    assert e.at("2000-01-01").country == "BBB"
    assert e.at("2000-01-01").role == "king"


def test_regions_of_a_country_are_places_not_the_country():
    """A country's dictionary block lists its provinces and states too: they give the
    country (a title's country) but are typed ``region``, not the country itself; the
    country's own names and spellings stay ``country``."""
    kb = get_kb()
    assert kb.place("Banten") == ("IDN", "region")
    assert kb.place("Texas") == ("USA", "region")
    assert kb.country("Texas") == "USA"  # "Texas Governor Greg Abbott"
    assert kb.place("America") == ("USA", "country")  # a part of the country's own name
    assert kb.place("Indonesia") == ("IDN", "country")
    assert kb.place("Surabaya")[1] == "city"


def test_a_person_in_the_non_state_dictionary_is_a_person():
    """The militant-groups dictionary lists some people undated, with their surname alone
    as an alias: they are people, not groups; groups stay groups."""
    kb = get_kb()
    assert kb.lookup("Osama bin Laden").kind == "person"
    assert kb.lookup("Ayman al-Zawahiri").kind == "person"
    assert kb.lookup("al-Qaeda").kind == "group"
    assert kb.lookup("Hamas").kind != "person"


def test_regions_the_sources_lack_are_added_and_disputed_ones_are_not():
    kb = get_kb()
    assert kb.country("Wisconsin") == "USA"
    assert kb.country("Northern Ireland") == "GBR"
    assert kb.country("Quebec") == "CAN"
    assert kb.place("Kashmir") is None  # claimed by two countries: no guess
