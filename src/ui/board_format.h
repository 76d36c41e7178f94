// Text the board shows for values: money in whole units with its symbol, short dates, initials.
// Display formatting only (en-US style, what the workspace's default locale is).
#pragma once
#include "core/model.h"

#include <string>

namespace dd::ui {

// Digits after the decimal point of a currency's minor unit (JPY 0, most others 2).
int minor_digits(Currency);
// "$12,400", "€950", "¥1,200,000", "CA$3,000": rounded to whole units, grouped by thousands.
std::string format_money(Money minor_units, Currency);
// Compact for lane headers: "$1.2M", "$48.5k", "$950".
std::string format_money_short(Money minor_units, Currency);
// "Mar 4" in the year of `today`, else "Mar 4, 2027".
std::string format_day_short(Day, Day today);
// "Ana Lopez" -> "AL", "you" -> "Y", "" -> "?".
std::string initials(const std::string& name);
// The civil day of an instant (UTC).
Day day_of(Millis);

}  // namespace dd::ui
