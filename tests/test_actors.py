"""Actor resolution on small hand-written texts, with the real spaCy model."""
from __future__ import annotations

import pytest

from newsgraph.model import Article, Credit, Metadata, Zone
from newsgraph.nlp.actors import ActorIndex, resolve_actors


@pytest.fixture()
def actors(nlp):
    def run(text: str, date: str | None = "2025-06-10", **kw) -> ActorIndex:
        art = Article(id="t", text=text, metadata=Metadata(date=date), **kw)
        return resolve_actors(nlp(text), art)

    return run


def by_name(index: ActorIndex, token: str):
    hits = [a for a in index.actors.values() if any(token in m.text for m in a.mentions)]
    assert hits, f"no actor mentioned as {token!r}: {[a.id for a in index.actors.values()]}"
    return hits[0]


def texts(actor):
    return [m.text for m in actor.mentions]


def test_full_name_and_short_form_are_one_actor(actors):
    idx = actors("Emmanuel Macron met farmers in Lyon on Monday. Macron promised new subsidies.")
    macron = by_name(idx, "Macron")
    assert macron.id == "person:emmanuel-macron"
    assert "Macron" in texts(macron) and "Emmanuel Macron" in texts(macron)
    assert macron.country == "FRA"


def test_possessive_not_in_mention_and_titles_stripped(actors):
    idx = actors("Ayatollah Ali Khamenei spoke on Friday. Donald Trump’s envoy later met Ayatollah Khamenei.")
    kh = [a for a in idx.actors.values() if a.name == "Ali Khamenei"]
    assert len(kh) == 1
    assert kh[0].country == "IRN"
    trump = by_name(idx, "Trump")
    assert "Donald Trump" in texts(trump)
    assert not any(t.endswith("’s") for t in texts(trump))


def test_role_phrase_resolves_to_office_holder_at_the_date(actors):
    text = "France’s president said the talks would continue."
    now = by_name(actors(text, "2025-06-10"), "president")
    assert now.id == "person:emmanuel-macron"
    then = by_name(actors(text, "2010-06-10"), "president")
    assert then.id != "person:emmanuel-macron"


def test_title_and_apposition_give_role_country_and_descriptor(actors):
    idx = actors("Maria Kovacs, the ruthless autocrat of the region, rejected the plan. "
                 "The Kremlin spokesperson Ivan Petrenko said Moscow was ready to talk.")
    kov = by_name(idx, "Kovacs")
    assert any("ruthless autocrat" in d.text and d.actor == kov.id for d in idx.descriptors)
    pet = by_name(idx, "Petrenko")
    assert pet.role == "spokesperson"
    assert pet.country == "RUS" and pet.sector == "GOV"
    assert "Kremlin spokesperson" in " ".join(texts(pet))
    kremlin = by_name(idx, "Kremlin")
    assert kremlin.id == "org:kremlin" and kremlin.country == "RUS"


def test_pronouns_and_descriptions_corefer(actors):
    idx = actors("Viktor Orban arrived in Brussels on Tuesday. He said the summit had failed. "
                 "Later the prime minister left early.")
    orban = by_name(idx, "Orban")
    kinds = {m.kind for m in orban.mentions}
    assert "pronoun" in kinds
    assert any(m.text == "He" for m in orban.mentions)


def test_she_goes_to_a_woman(actors):
    idx = actors("John Miller met Sarah Collins in Denver. She told reporters the deal was done.")
    collins = by_name(idx, "Collins")
    assert any(m.text == "She" for m in collins.mentions)
    miller = by_name(idx, "Miller")
    assert not any(m.text == "She" for m in miller.mentions)


def test_countries_capitals_groups(actors):
    idx = actors("Washington imposed sanctions on Tehran. Iranian officials condemned the move, "
                 "and Houthi rebels fired missiles. The US said it would respond.")
    usa = idx.actors["country:USA"]
    assert {"Washington", "US"} <= set(texts(usa))
    officials = by_name(idx, "Iranian officials")
    assert officials.country == "IRN" and officials.sector == "GOV" and officials.kind == "group"
    rebels = by_name(idx, "Houthi")
    assert rebels.sector == "REB"


def test_same_surname_kept_apart(actors):
    idx = actors("George Bush met Laura Bush at the ranch. Jeb Bush arrived later.")
    ids = {a.id for a in idx.actors.values() if a.kind == "person"}
    assert "person:jeb-bush" in ids and len([i for i in ids if i.endswith("bush")]) >= 2


def test_byline_and_credit_are_not_actors(actors):
    text = "By Peter Novak\nChancellor Olaf Scholz spoke. Photograph: Anna Weber/Reuters"
    zones = [Zone("byline", 0, 14), Zone("body", 15, 47), Zone("credit", 48, len(text))]
    credits = [Credit("Photograph: Anna Weber/Reuters", 48, len(text), "Anna Weber", "Reuters")]
    idx = actors(text, zones=zones, credits=credits, metadata=None) if False else None
    art = Article(id="t", text=text, metadata=Metadata(date="2023-01-01", authors=["Peter Novak"]),
                  zones=zones, credits=credits)
    from newsgraph.nlp.pipeline import load_nlp

    idx = resolve_actors(load_nlp()(text), art)
    names = " ".join(m.text for a in idx.actors.values() for m in a.mentions)
    assert "Scholz" in names
    assert "Novak" not in names and "Weber" not in names and "Reuters" not in names


def test_index_lookup_interface(actors):
    idx = actors("Angela Merkel visited Paris.")
    doc = idx.doc
    tok = next(t for t in doc if t.text == "Merkel")
    assert idx.for_token(tok).id == idx.for_span(doc[0:2]).id
    a = idx.add_unnamed("some analysts", 0, 5)
    assert a.kind == "unnamed" and idx.at(0, 5) is not None
    idx.add_mention(a.id, "they", 10, 14, "pronoun")
    assert idx.at(10, 14).id == a.id


def test_stable_ids_across_articles(actors):
    a = actors("Sergei Lavrov spoke in Moscow.")
    b = actors("Russia's foreign minister Sergei Lavrov, speaking on Friday, said no.")
    assert by_name(a, "Lavrov").id == by_name(b, "Lavrov").id


def test_titles_in_the_name_are_not_descriptors_appositions_are(actors):
    # annotation C2: "not plain job titles that are part of a name (President Trump)";
    # an apposition is a label the text attaches, as written
    idx = actors("Health Minister Karin Lund said the clinic would open. "
                 "Karin Lund, the health minister of Norway, spoke in Oslo.")
    lund = by_name(idx, "Lund")
    assert lund.role and "minister" in lund.role
    assert [d.text for d in idx.descriptors if d.actor == lund.id] == ["the health minister of Norway"]


def test_a_written_description_before_a_name_is_a_descriptor(actors):
    idx = actors("English drummer Ginger Baker died on Sunday. Study co-author Carl Lipo said it was rare.")
    got = {(d.text, d.actor) for d in idx.descriptors}
    assert ("English drummer", by_name(idx, "Baker").id) in got
    assert ("Study co-author", by_name(idx, "Lipo").id) in got  # a sentence's capital is no title


def test_spokesperson_description_needs_a_spokesperson(actors):
    idx = actors("Opposition leader Pavel Grinko was arrested on Sunday. The spokesperson said nothing.")
    grinko = by_name(idx, "Grinko")
    assert not any(m.text.lower() == "the spokesperson" for m in grinko.mentions)


def test_unnamed_role_joins_the_named_holder_and_former_titles(actors):
    idx = actors("Iranian Foreign Minister Abbas Araghchi said talks would resume. "
                 "The Iranian foreign minister later met Omani officials. "
                 "Former US president Barack Obama criticised the move.", "2025-04-01")
    ar = by_name(idx, "Araghchi")
    assert ar.country == "IRN" and ar.role == "foreign minister"
    assert "Iranian foreign minister" in texts(ar)
    assert not [a for a in idx.actors if a.startswith("role:irn")]
    obama = by_name(idx, "Obama")
    assert obama.role == "former president" and obama.sector == "ELI"
    assert by_name(idx, "Omani officials").kind == "group"


# -- one actor per real person ------------------------------------------------------------

def test_short_forms_of_full_names():
    from newsgraph.nlp.person_names import same_person, short_forms

    assert {"de la fuente", "la fuente", "fuente"} <= short_forms("rocky de la fuente")
    assert "de" not in short_forms("rocky de la fuente")
    assert "rossello" in short_forms("ricardo rossello nevares")  # a middle surname
    assert "assad" in short_forms("bashar al-assad")
    assert "conyers" in short_forms("john james conyers jr.")
    assert same_person("john conyers", "john james conyers jr.")
    assert not same_person("george h. w. bush", "george w. bush")
    # a second surname dropped; a different given name or surname is another person
    assert same_person("pedro pierluisi", "pedro r. pierluisi urrutia")
    assert not same_person("pedro urrutia", "maria r. pierluisi urrutia")
    assert not same_person("pedro gomez", "pedro r. pierluisi urrutia")


def test_surname_the_tagger_missed_joins_the_full_name(actors):
    idx = actors("Nancy Pelosi met union leaders on Tuesday. Later, Pelosi said the bill would pass. "
                 "Rocky De La Fuente also spoke. De La Fuente said he would run.")
    people = [a for a in idx.actors.values() if a.kind == "person"]
    pelosi = [a for a in people if "Pelosi" in a.name]
    assert len(pelosi) == 1 and len([m for m in pelosi[0].mentions if m.kind != "pronoun"]) == 2
    fuente = [a for a in idx.actors.values() if "Fuente" in a.name]
    assert len(fuente) == 1, [(a.name, a.kind) for a in fuente]


def test_one_label_per_name_within_an_article(actors):
    from newsgraph.kb import norm

    idx = actors("Alexei Navalny was flown to Berlin. Doctors treated Alexei Navalny for poisoning. "
                 "Alexei Navalny is a critic of the Kremlin, and Alexei Navalny's team blamed Moscow.")
    named = [a for a in idx.actors.values() if "navalny" in norm(a.name)]
    assert [a.kind for a in named] == ["person"]


def test_a_name_tagged_org_with_a_persons_evidence_is_a_person(actors):
    # the surname tagged PERSON elsewhere, or a person's title before or apposition after
    idx = actors("Those who took part were independent presidential candidate Brock Pierce and others. "
                 "Pierce said he was happy.\n\nRosselló is set to be replaced by Wanda Vázquez Garced, "
                 "the Secretary of Justice for Puerto Rico. Vázquez said she would serve.")
    for name in ("Pierce", "Vázquez"):
        named = [a for a in idx.actors.values() if any(name in m.text for m in a.mentions)]
        assert [a.kind for a in named] == ["person"], [(a.name, a.kind) for a in named]
    # an organisation whose last word spaCy sometimes takes for a surname stays one
    idx = actors("A lawsuit was filed by the Puerto Rico Senate on Sunday. The Senate voted. Senate said no.")
    assert all(a.kind != "person" for a in idx.actors.values()), [(a.name, a.kind) for a in idx.actors.values()]


def test_sentence_initial_surname_the_tagger_took_for_a_word(actors):
    idx = actors("Donald Trump spoke on Monday. The paper said Russians paid bounties to the Taliban.Trump "
                 "described the story as a hoax.")
    trump = [a for a in idx.actors.values() if any("Trump" in m.text for m in a.mentions)]
    assert len(trump) == 1 and len([m for m in trump[0].mentions if m.text == "Trump"]) == 1


def test_photo_credit_label_is_not_part_of_a_name(actors):
    idx = actors("Susan Rice Image: White House.\n\nSusan Rice said the plan was good.")
    assert [a.name for a in idx.actors.values() if a.kind == "person"] == ["Susan Rice"]


def test_later_stages_ask_the_sealed_index(actors):
    idx = actors("Chris Fallows filmed the shark on Monday. Analysts were surprised.")
    assert idx.sealed
    fallows = by_name(idx, "Fallows")
    # a capitalised surname the asking stage found no actor for is the person already named
    got = idx.ask_unnamed("Fallows", 100, 107, stage="statements")
    assert got is fallows and any(m.start == 100 for m in fallows.mentions)
    other = idx.ask_unnamed("a senior official", 120, 137)
    assert other.kind == "unnamed" and other.name == "senior official"
    idx.add_mention(fallows.id, "he", 140, 142, "pronoun")  # the old name is a request too
    assert [(r.what, r.outcome, r.actor) for r in idx.requests] == [
        ("unnamed", "known", fallows.id), ("unnamed", "new", other.id), ("mention", "mention", fallows.id)]
    assert idx.requests[0].stage == "statements"
    with pytest.raises(KeyError):
        idx.ask_mention("person:nobody", "x", 0, 1)


def test_unknown_actors_take_the_country_the_article_is_about(actors):
    from newsgraph.nlp.actor_attributes import home_country

    text = ("Kenyan President William Ruto met Kenyan officials in Nairobi. Kenya's parliament "
            "approved the budget, and Kenya's treasury said Kenya would borrow less. "
            "Local activist Wanjiru Kamau said the Green Belt Movement would protest.")
    idx = actors(text, "2024-06-10")
    assert idx.home_country == "KEN"
    kamau = by_name(idx, "Kamau")
    assert kamau.country == "KEN"
    # a source a later stage asks for takes it too
    assert idx.ask_unnamed("protesters", 0, 10).country == "KEN"
    # no clear lead, no home country
    from collections import Counter
    assert home_country(Counter({"KEN": 3, "UGA": 3})) is None
    assert home_country(Counter({"KEN": 1})) is None
    assert home_country(Counter({"KEN": 4, "UGA": 3})) == "KEN"


def test_a_place_tag_on_an_organisations_name_is_an_organisation(actors):
    idx = actors("Those who did take part were: Independent presidential candidate Brock Pierce, "
                 "Green Party nominee Howie Hawkins.")
    green = by_name(idx, "Green Party")
    assert green.kind == "organization" and not green.id.startswith("place:")


def test_a_persons_own_phrase_gives_their_country_not_the_articles(actors):
    # invented: an article about Kenya that names foreigners by their nationality
    text = ("Kenyan President William Ruto met Kenyan officials in Nairobi. Kenya's parliament "
            "approved the budget, and Kenya's treasury said Kenya would borrow less. "
            "Police arrested Norwegian national Lars Berge at the airport. "
            "Tomas Varga, a Hungarian engineer, was questioned. "
            "Runner Ana Lopes from Portugal won the race. "
            "English novelist Harriet Cole and Pope Leo sent messages. "
            "Local activist Wanjiru Kamau said the group would protest.")
    idx = actors(text, "2024-06-10")
    assert idx.home_country == "KEN"  # the foreigners do not vote for the article's country
    assert by_name(idx, "Berge").country == "NOR"
    assert by_name(idx, "Varga").country == "HUN"
    assert by_name(idx, "Lopes").country == "PRT"
    assert by_name(idx, "Cole").country == "GBR"
    assert by_name(idx, "Pope Leo").country == "VAT"
    assert by_name(idx, "Kamau").country == "KEN"  # no word of their own: the article's


def test_a_place_after_a_name_or_an_ambiguous_state_is_not_a_nationality(actors):
    text = ("Kenyan President William Ruto met Kenyan officials in Nairobi. Kenya's parliament "
            "approved the budget, and Kenya's treasury said Kenya would borrow less. "
            "Senator Bill Hart of Georgia wrote to Ruto. Dana Pike, New Jersey, wrote too.")
    idx = actors(text, "2024-06-10")
    assert by_name(idx, "Hart").country != "GEO"
    assert by_name(idx, "Pike").country != "JEY"


def test_collective_bodies_are_actors_of_the_articles_country(actors):
    # invented: a trial story in one country
    text = ("Kenyan President William Ruto spoke in Nairobi. Kenya's parliament approved the budget, "
            "and Kenya's treasury said Kenya would borrow less. A jury in Mombasa convicted the man. "
            "The local police arrested him in March, and prosecutors said they would appeal. "
            "Nairobi City Police said nothing.")
    idx = actors(text, "2024-06-10")
    jury = by_name(idx, "jury")
    assert jury.kind == "unnamed" and jury.country == "KEN"
    assert "A jury in Mombasa" in texts(jury)
    police = [a for a in idx.actors.values() if any(m.text == "The local police" for m in a.mentions)]
    assert len(police) == 1 and police[0].country == "KEN" and police[0].kind == "organization"
    assert by_name(idx, "prosecutors").kind == "unnamed"
    # a named force keeps its own actor; its word is not taken again
    named = by_name(idx, "City Police")
    assert all(m.text != "Police" for a in idx.actors.values() if a.id != named.id for m in a.mentions)


def test_an_age_written_with_a_name_is_a_descriptor(actors):
    # invented
    text = ("The 54-year-old Matt Rowe was killed on Friday. Police said Tom Hale, 20, was arrested, "
            "and Ann Lee, aged 41, was questioned. Rowe's son, Sam Rowe, 6.5 metres away, saw it.")
    idx = actors(text)
    got = {(d.actor, d.text) for d in idx.descriptors}
    assert ("person:matt-rowe", "54-year-old") in got
    assert (by_name(idx, "Tom Hale").id, "20") in got
    assert (by_name(idx, "Ann Lee").id, "aged 41") in got
    assert not any(d.text.startswith("6") for d in idx.descriptors)  # a measure, not an age


def test_a_trade_noun_describes_a_business_not_a_group_of_officials(actors):
    # invented
    text = ("Denmark-based retailer Norrvik Group announced a deal on Thursday. "
            "Polish officials welcomed it. The retailer said stores would stay open.")
    idx = actors(text)
    shop = by_name(idx, "Norrvik")
    assert shop.country == "DNK"
    assert "The retailer" in texts(shop)
    assert any(d.actor == shop.id and d.text == "Denmark-based retailer" for d in idx.descriptors)


def test_a_role_in_apposition_to_a_name_is_that_person(actors):
    # invented
    text = "Officials said Tomas Varga, a Hungarian engineer with a work permit, was detained in Vienna."
    idx = actors(text)
    varga = by_name(idx, "Varga")
    assert not [a for a in idx.actors if a.startswith("role:")]  # one actor, not two
    assert varga.country == "HUN" and varga.role == "engineer"
    assert any(d.actor == varga.id and d.text.startswith("a Hungarian engineer") for d in idx.descriptors)


def test_a_name_never_ends_on_a_function_word(nlp):
    # invented; the tagger sometimes runs an entity on into the word after it
    from newsgraph.nlp.actor_state import ActorState

    text = "Presidents Ama Mensah of Ghana and the Centre for Coastal Studies and the Ocean Trust met."
    doc = nlp(text)
    st = ActorState(doc, Article(id="t", text=text, metadata=Metadata(date="2025-06-10")))
    words = [t.text for t in doc]
    of = words.index("of")
    assert doc[slice(*st.trim(1, of + 1))].text == "Ama Mensah"
    centre = words.index("Centre")
    end = words.index("Studies") + 2  # "... Studies and"
    assert doc[slice(*st.trim(centre, end))].text == "Centre for Coastal Studies"
    assert doc[slice(*st.trim(centre, end - 1))].text == "Centre for Coastal Studies"


def test_a_coordinated_title_shares_the_nationality_of_the_title_before_it(actors):
    # invented
    text = ("The talks were attended by Israeli prime minister Dan Levi and energy minister Avi Cohen, "
            "Greek prime minister Nikos Papas and energy minister Yannis Kostas.")
    idx = actors(text)
    assert by_name(idx, "Avi Cohen").country == "ISR"
    assert by_name(idx, "Kostas").country == "GRC"
    cohen = by_name(idx, "Avi Cohen")
    assert not any(d.actor == cohen.id and "Greek" in d.text for d in idx.descriptors)  # Papas's title


def test_a_sentence_opening_description_and_a_hyphenated_one_are_descriptors(actors):
    # invented
    text = ('Economist Tom Hale said prices rose. "It is calm," said study co-author '
            'Paul Kerr. President Ana Silva agreed.')
    idx = actors(text)
    got = {(d.actor, d.text) for d in idx.descriptors}
    assert (by_name(idx, "Tom Hale").id, "Economist") in got
    assert (by_name(idx, "Kerr").id, "study co-author") in got
    assert not any(d.text == "President" for d in idx.descriptors)  # a title in the name
