// Tests of the temporal library (core/temporal): ISO 8601 parsing and printing, building
// from fields, zones and DST, arithmetic, durations between values, accessors, and errors
// that name the field and its range. Expected values are Neo4j's (the openCypher TCK's).
#include "core/temporal/temporal.h"

#include <gtest/gtest.h>

namespace entente::temporal {
namespace {

const Zone kUtc{};

std::string date(std::string_view s) {
  auto r = parseDate(s);
  return r ? r->toString() : "error: " + r.error();
}
std::string localTime(std::string_view s) {
  auto r = parseLocalTime(s);
  return r ? r->toString() : "error: " + r.error();
}
std::string time(std::string_view s) {
  auto r = parseTime(s, kUtc, 0);
  return r ? r->toString() : "error: " + r.error();
}
std::string localDateTime(std::string_view s) {
  auto r = parseLocalDateTime(s);
  return r ? r->toString() : "error: " + r.error();
}
std::string dateTime(std::string_view s) {
  auto r = parseDateTime(s, kUtc);
  return r ? r->toString() : "error: " + r.error();
}
std::string duration(std::string_view s) {
  auto r = parseDuration(s);
  return r ? r->toString() : "error: " + r.error();
}
DateTime dt(std::string_view s) { return *parseDateTime(s, kUtc); }
Duration dur(std::string_view s) { return *parseDuration(s); }

TEST(TemporalParse, DatesInEveryIsoForm) {
  EXPECT_EQ(date("2015-07-21"), "2015-07-21");
  EXPECT_EQ(date("20150721"), "2015-07-21");
  EXPECT_EQ(date("2015-07"), "2015-07-01");
  EXPECT_EQ(date("201507"), "2015-07-01");
  EXPECT_EQ(date("2015-W30-2"), "2015-07-21");
  EXPECT_EQ(date("2015W302"), "2015-07-21");
  EXPECT_EQ(date("2015-W30"), "2015-07-20");
  EXPECT_EQ(date("2015W30"), "2015-07-20");
  EXPECT_EQ(date("2015-202"), "2015-07-21");
  EXPECT_EQ(date("2015202"), "2015-07-21");
  EXPECT_EQ(date("2015"), "2015-01-01");
  EXPECT_EQ(date("-0028-11-11"), "-0028-11-11");
  EXPECT_EQ(date("+12345-01-02"), "+12345-01-02");
}

TEST(TemporalParse, TimesAndOffsets) {
  EXPECT_EQ(localTime("21:40:32.142"), "21:40:32.142");
  EXPECT_EQ(localTime("214032.142"), "21:40:32.142");
  EXPECT_EQ(localTime("2140"), "21:40");
  EXPECT_EQ(localTime("21"), "21:00");
  EXPECT_EQ(localTime("12:31:14,000000003"), "12:31:14.000000003");
  EXPECT_EQ(localTime("12:31:14.6458"), "12:31:14.645800");
  EXPECT_EQ(time("21:40:32.142+0100"), "21:40:32.142+01:00");
  EXPECT_EQ(time("214032.142Z"), "21:40:32.142Z");
  EXPECT_EQ(time("2140-00:00"), "21:40Z");
  EXPECT_EQ(time("2140-02"), "21:40-02:00");
  EXPECT_EQ(time("22+18:00"), "22:00+18:00");
  EXPECT_EQ(time("12:00"), "12:00Z");  // the default zone
}

TEST(TemporalParse, DateTimesWithZones) {
  EXPECT_EQ(localDateTime("2015-W30-2T214032.142"), "2015-07-21T21:40:32.142");
  EXPECT_EQ(localDateTime("2015T214032"), "2015-01-01T21:40:32");
  EXPECT_EQ(localDateTime("2015202T21"), "2015-07-21T21:00");
  EXPECT_EQ(dateTime("2015-W30T2140-02"), "2015-07-20T21:40-02:00");
  EXPECT_EQ(dateTime("2015-07-21T21:40:32.142+0845[Australia/Eucla]"),
            "2015-07-21T21:40:32.142+08:45[Australia/Eucla]");
  EXPECT_EQ(dateTime("2015-07-21T21:40:32.142[Europe/London]"),
            "2015-07-21T21:40:32.142+01:00[Europe/London]");
  // Local mean time before standard time: an offset with seconds.
  EXPECT_EQ(dateTime("1818-07-21T21:40:32.142[Europe/Berlin]"),
            "1818-07-21T21:40:32.142+00:53:28[Europe/Berlin]");
}

TEST(TemporalParse, Durations) {
  EXPECT_EQ(duration("P14DT16H12M"), "P14DT16H12M");
  EXPECT_EQ(duration("P5M1.5D"), "P5M1DT12H");
  EXPECT_EQ(duration("P0.75M"), "P22DT19H51M49.5S");
  EXPECT_EQ(duration("PT0.75M"), "PT45S");
  EXPECT_EQ(duration("P2.5W"), "P17DT12H");
  EXPECT_EQ(duration("P12Y5M14DT16H12M70S"), "P12Y5M14DT16H13M10S");
  EXPECT_EQ(duration("P2012-02-02T14:37:21.545"), "P2012Y2M2DT14H37M21.545S");
  EXPECT_EQ(duration("PT-1.5S"), "PT-1.5S");
  EXPECT_EQ(duration("-P1D"), "P-1D");
  EXPECT_EQ(duration("PT0S"), "PT0S");
}

TEST(TemporalParse, ErrorsNameTheFieldAndItsRange) {
  EXPECT_EQ(date("2024-13-01"), "error: month 13 is out of range 1..12 in '2024-13-01'");
  EXPECT_EQ(date("2023-02-29"), "error: day 29 is out of range 1..28 in '2023-02-29'");
  EXPECT_EQ(date("2015-W54"), "error: week 54 is out of range 1..53 in '2015-W54'");
  EXPECT_EQ(localTime("24:00"), "error: hour 24 is out of range 0..23 in '24:00'");
  EXPECT_EQ(localTime("12:60"), "error: minute 60 is out of range 0..59 in '12:60'");
  EXPECT_NE(time("12:00+19:00").find("out of range -18:00..+18:00"), std::string::npos);
  EXPECT_NE(dateTime("2015-07-21T12:00[Mars/Olympus]").find("unknown time zone 'Mars/Olympus'"),
            std::string::npos);
  for (const char* bad : {"", "abc", "2015-", "2015-07-", "2015-7-1", "12:", "P", "PT", "P1H",
                          "P1D2Y", "2015-07-21T", "1.5"}) {
    EXPECT_FALSE(parseDate(bad).ok() && parseDuration(bad).ok()) << bad;
  }
  EXPECT_FALSE(parseDate("2015-07-").ok());
  EXPECT_FALSE(parseLocalTime("12:").ok());
  EXPECT_FALSE(parseDuration("P1H").ok());  // hours belong after T
  EXPECT_FALSE(parseDuration("P1D2Y").ok());
}

TEST(TemporalParse, ExtremeYears) {
  auto low = parseLocalDateTime("-999999999-01-01");
  auto high = parseLocalDateTime("+999999999-12-31T23:59:59");
  ASSERT_TRUE(low && high);
  EXPECT_EQ(high->toString(), "+999999999-12-31T23:59:59");
  EXPECT_EQ(between(*low, *high, Between::kSeconds)->toString(), "PT17531639991215H59M59S");
  EXPECT_FALSE(parseLocalDateTime("+1000000000-01-01").ok());
}

TEST(TemporalBuild, FieldsAndSelection) {
  Fields f;
  f.year = 1984, f.week = 10, f.day_of_week = 3, f.hour = 12, f.minute = 31, f.second = 14;
  f.millisecond = 645;
  EXPECT_EQ(buildLocalDateTime(f)->toString(), "1984-03-07T12:31:14.645");

  // A Stockholm datetime's time, on another day: the zone's offset of that day.
  Fields g;
  g.base_days = parseDate("1984-10-11")->days;
  g.day = 28, g.second = 42;
  g.base_time = dt("1984-10-11T12:00[Europe/Stockholm]").local().time();
  g.base_zone = zoneOf(dt("1984-10-11T12:00[Europe/Stockholm]"));
  EXPECT_EQ(buildDateTime(g, kUtc)->toString(), "1984-10-28T12:00:42+01:00[Europe/Stockholm]");
  g.timezone = "Pacific/Honolulu";  // converted: the same instant in Honolulu
  EXPECT_EQ(buildDateTime(g, kUtc)->toString(), "1984-10-28T01:00:42-10:00[Pacific/Honolulu]");
  g.convert_to_timezone = false;  // truncation keeps the local fields
  EXPECT_EQ(buildDateTime(g, kUtc)->toString(), "1984-10-28T12:00:42-10:00[Pacific/Honolulu]");

  Fields bad;
  bad.year = 2024, bad.month = 2, bad.day = 30;
  EXPECT_EQ(buildDate(bad).error(), "day 30 is out of range 1..29");
  Fields no_hour;
  no_hour.minute = 5;
  EXPECT_EQ(buildLocalTime(no_hour).error(), "minute cannot be given without hour");
}

TEST(TemporalZones, GapsMoveForwardOverlapsTakeTheEarlierOffset) {
  // Stockholm, 2017-03-26 02:00 → 03:00 (a gap); 2017-10-29 03:00 → 02:00 (an overlap).
  EXPECT_EQ(dateTime("2017-03-26T02:30[Europe/Stockholm]"),
            "2017-03-26T03:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(dateTime("2017-10-29T02:30[Europe/Stockholm]"),
            "2017-10-29T02:30+02:00[Europe/Stockholm]");
  // An offset written beside the zone picks the later one.
  EXPECT_EQ(dateTime("2017-10-29T02:30+01:00[Europe/Stockholm]"),
            "2017-10-29T02:30+01:00[Europe/Stockholm]");
}

TEST(TemporalArithmetic, PlusDuration) {
  auto d = *parseDate("1984-10-11");
  Duration p = *durationOf(12 * 12 + 5, 14, 16 * 3600 + 12 * 60 + 70, 2);
  EXPECT_EQ(std::get<Date>(*plus(d, p)).toString(), "1997-03-25");
  EXPECT_EQ(std::get<Date>(*plus(d, p, -1)).toString(), "1972-04-27");
  auto lt = LocalTime::ofNanos(((12 * 60 + 31) * 60 + 14) * kNanosPerSecond + 1);
  EXPECT_EQ(std::get<LocalTime>(*plus(lt, p)).toString(), "04:44:24.000000003");
  EXPECT_EQ(std::get<LocalTime>(*plus(lt, p, -1)).toString(), "20:18:03.999999999");
  // The last day of a month clamps.
  EXPECT_EQ(std::get<Date>(*plus(*parseDate("2015-01-31"), dur("P1M"))).toString(), "2015-02-28");
  // Across a DST change: a day is a calendar day, 24 hours are 24 hours.
  DateTime before = dt("2017-10-28T12:00[Europe/Stockholm]");
  EXPECT_EQ(std::get<DateTime>(*plus(before, dur("P1D"))).toString(),
            "2017-10-29T12:00+01:00[Europe/Stockholm]");
  EXPECT_EQ(std::get<DateTime>(*plus(before, dur("PT24H"))).toString(),
            "2017-10-29T11:00+01:00[Europe/Stockholm]");
  EXPECT_FALSE(plus(*parseLocalDateTime("+999999999-12-31"), dur("P1Y")).ok());
}

TEST(TemporalArithmetic, DurationOperations) {
  EXPECT_EQ(add(dur("P1M-14DT16H-12M70S"), dur("P1M-14DT16H-12M70S"))->toString(),
            "P2M-28DT31H38M20S");
  Duration p = dur("P12Y5M14DT16H13M10.000000001S");
  EXPECT_EQ(divide(p, 2)->toString(), "P6Y2M22DT13H21M8S");
  EXPECT_EQ(multiply(p, 0.5)->toString(), "P6Y2M22DT13H21M8S");
  EXPECT_EQ(multiply(p, int64_t{2})->toString(), "P24Y10M28DT32H26M20.000000002S");
  EXPECT_FALSE(divide(p, 0).ok());
  EXPECT_FALSE(multiply(dur("P1000000000000Y"), int64_t{1000000000}).ok());
  EXPECT_EQ(Duration(0, 0, -61, 999'000'000).toString(), "PT-1M-0.001S");
  EXPECT_EQ(Duration(0, 0, -2, 1'000'000).toString(), "PT-1.999S");
}

TEST(TemporalBetween, CalendarUnitsThenTheTimeLine) {
  auto between_s = [](const Temporal& a, const Temporal& b, Between w = Between::kAll) {
    return between(a, b, w)->toString();
  };
  Temporal d1 = *parseDate("1984-10-11");
  Temporal ldt = *parseLocalDateTime("2016-07-21T21:45:22.142");
  Temporal zdt = dt("2015-07-21T21:40:32.142+0100");
  Temporal lt = *parseLocalTime("16:30");
  EXPECT_EQ(between_s(d1, *parseDate("2015-06-24")), "P30Y8M13D");
  EXPECT_EQ(between_s(d1, ldt), "P31Y9M10DT21H45M22.142S");
  EXPECT_EQ(between_s(d1, zdt), "P30Y9M10DT21H40M32.142S");
  EXPECT_EQ(between_s(d1, lt), "PT16H30M");
  EXPECT_EQ(between_s(Temporal(*parseTime("14:30", kUtc, 0)), zdt), "PT6H10M32.142S");
  EXPECT_EQ(between_s(dt("2014-07-21T21:40:36.143+0200"), zdt), "P1YT59M55.999S");
  EXPECT_EQ(between_s(d1, lt, Between::kMonths), "PT0S");
  EXPECT_EQ(between_s(d1, ldt, Between::kMonths), "P31Y9M");
  // DST: six hours of the time line between 23:00 and 04:00 across the autumn change.
  EXPECT_EQ(between_s(dt("2017-10-28T23:00+02:00[Europe/Stockholm]"),
                      dt("2017-10-29T04:00+01:00[Europe/Stockholm]")),
            "PT6H");
  EXPECT_EQ(between_s(*parseLocalDateTime("2018-01-02T10:00:00.1"),
                      *parseLocalDateTime("2018-01-01T10:00:00.2")),
            "PT-23H-59M-59.9S");
}

TEST(TemporalFields, Accessors) {
  Temporal d = dt("1984-11-11T12:31:14.645876123[Europe/Stockholm]");
  EXPECT_EQ(intField(d, "week"), 45);
  EXPECT_EQ(intField(d, "ordinalDay"), 316);
  EXPECT_EQ(intField(d, "weekDay"), 7);
  EXPECT_EQ(intField(d, "dayOfQuarter"), 42);
  EXPECT_EQ(intField(d, "epochSeconds"), 469020674);
  EXPECT_EQ(intField(d, "epochMillis"), 469020674645);
  EXPECT_EQ(intField(d, "microsecond"), 645876);
  EXPECT_EQ(stringField(d, "timezone"), "Europe/Stockholm");
  EXPECT_EQ(stringField(d, "offset"), "+01:00");
  EXPECT_EQ(intField(Temporal(*parseDate("2015-01-01")), "hour"), std::nullopt);
  Duration p = *durationOf(16, 10, 3661, 111111111);
  EXPECT_EQ(durationField(p, "quarters"), 5);
  EXPECT_EQ(durationField(p, "minutes"), 61);
  EXPECT_EQ(durationField(p, "microseconds"), 3661111111);
  EXPECT_EQ(durationField(p, "daysOfWeek"), 3);
}

TEST(TemporalCompare, InstantsAndKinds) {
  Temporal a = *parseTime("12:00+01:00", kUtc, 0), b = *parseTime("11:00Z", kUtc, 0);
  EXPECT_TRUE(equal(a, b));     // the same instant
  EXPECT_NE(compare(a, b), 0);  // but a total order tells them apart
  EXPECT_LT(compare(Temporal(*parseDate("2015-01-01")), Temporal(*parseDate("2015-01-02"))), 0);
  EXPECT_TRUE(equal(Temporal(dt("2015-07-21T21:40+01:00")),
                    Temporal(dt("2015-07-21T21:40+01:00[Europe/London]"))));
}

TEST(TemporalTruncate, UnitsOfDatesAndTimes) {
  const int64_t d = parseDate("1984-01-01")->days;
  EXPECT_EQ(formatDate(truncateDays(d, Unit::kWeekYear)), "1983-01-03");
  EXPECT_EQ(formatDate(truncateDays(d, Unit::kMillennium)), "1000-01-01");
  EXPECT_EQ(formatDate(truncateDays(parseDate("1984-11-11")->days, Unit::kQuarter)), "1984-10-01");
  EXPECT_EQ(truncateTime(*parseLocalTime("12:31:14.645876123"), Unit::kMillisecond).toString(),
            "12:31:14.645");
  EXPECT_EQ(parseUnit("weekYear"), Unit::kWeekYear);
  EXPECT_EQ(parseUnit("fortnight"), std::nullopt);
}

TEST(TemporalEpoch, FromEpoch) {
  EXPECT_EQ(fromEpoch(416779, 999999999).toString(), "1970-01-05T19:46:19.999999999Z");
  EXPECT_EQ(fromEpochMillis(237821673987).toString(), "1977-07-15T13:34:33.987Z");
  EXPECT_EQ(fromEpochMillis(-1).toString(), "1969-12-31T23:59:59.999Z");
}

TEST(TemporalFormat, RoundTrips) {
  for (const char* s : {"2015-07-21T21:40:32.142+02:00[Europe/Stockholm]", "-0001-12-31T00:00Z",
                        "+999999999-12-31T23:59:59.999999999-18:00", "1970-01-01T00:00:00.500Z"}) {
    EXPECT_EQ(dateTime(s), s);
  }
  for (const char* s : {"P1Y2M3DT4H5M6.7S", "PT-0.001S", "P-1Y-2M", "PT1M-0.5S"}) {
    EXPECT_EQ(duration(duration(s)), duration(s));
  }
}

}  // namespace
}  // namespace entente::temporal
