from newsgraph.dates import find_dates, normalise_date


def values(text, ref=None):
    return [(d.text, d.value) for d in find_dates(text, ref)]


def test_absolute_dates_keep_their_precision():
    assert values("They met on 3 February 2011 in Cairo.") == [("3 February 2011", "2011-02-03")]
    assert values("It opened in March 2019.") == [("March 2019", "2019-03")]
    assert values("Signed Sept. 9, 2001 at noon") == [("Sept. 9, 2001", "2001-09-09")]


def test_weekday_is_the_last_such_day_up_to_the_article_date():
    # 2021-06-10 is a Thursday.
    assert values("on Tuesday the talks ended", "2021-06-10") == [("Tuesday", "2021-06-08")]
    assert values("on Thursday", "2021-06-10") == [("Thursday", "2021-06-10")]
    assert values("next Monday", "2021-06-10") == [("next Monday", "2021-06-14")]
    assert values("yesterday", "2021-06-10") == [("yesterday", "2021-06-09")]


def test_relative_dates_need_a_reference():
    assert values("on Tuesday") == [("Tuesday", None)]


def test_month_day_without_year_takes_the_reference_year_or_the_one_before():
    assert values("On December 30 the deal fell through", "2020-01-02") == [("December 30", "2019-12-30")]
    assert values("On March 2 they voted", "2020-03-20") == [("March 2", "2020-03-02")]


def test_bare_may_is_not_a_month():
    assert values("officials may resign") == []


def test_normalise_date():
    assert normalise_date("2026-03-04T10:00:00Z") == "2026-03-04"
    assert normalise_date("2019") == "2019"
    assert normalise_date("March 4, 2026") == "2026-03-04"
    assert normalise_date("") is None
