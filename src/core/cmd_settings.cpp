// Workspace settings: custom fields, lost reasons, currencies, name and locale.
#include "core/cmd_handlers.h"
#include "core/cmd_saved_views.h"
#include "core/saved_view.h"
#include <algorithm>

namespace dd::cmd {

namespace {

Status validate_options(const CustomFieldDef& f, const std::vector<std::string>& options) {
    if (f.type != FieldType::SingleSelect) return ok_status();
    if (options.empty()) return field_error("options", "a single-select field needs at least one option");
    for (size_t i = 0; i < options.size(); ++i) {
        if (blank(options[i])) return field_error("options", "an option must not be empty");
        if (std::find(options.begin(), options.begin() + ptrdiff_t(i), options[i]) != options.begin() + ptrdiff_t(i))
            return field_error("options", "\"" + options[i] + "\" is listed twice");
    }
    return ok_status();
}

size_t deals_in_currency(const StoreIndexes& ix, Currency c) {
    return size_t(std::count_if(ix.ws.deals.begin(), ix.ws.deals.end(), [&](const Deal& d) { return d.currency == c; }));
}

}  // namespace

// ---- AddCustomField ----
Status validate(const StoreIndexes& ix, const AddCustomField& c, const Ctx&) {
    if (auto s = new_id(ix.field(c.field.meta.id) != nullptr, c.field.meta.id, "id"); !s) return s;
    if (auto s = require_name(c.field.name, "name"); !s) return s;
    return validate_options(c.field, c.field.options);
}

std::string run(Tx& tx, const AddCustomField& c, const Ctx& ctx) {
    CustomFieldDef f = c.field;
    f.name = trim(f.name);
    init_meta(f.meta, ctx);
    f.position = int32_t(tx.ix().ws.custom_fields.size());
    if (f.type != FieldType::SingleSelect) f.options.clear();
    std::string label = "Added field " + f.name;
    tx.put(std::move(f));
    return label;
}

// ---- UpdateCustomField ----
Status validate(const StoreIndexes& ix, const UpdateCustomField& c, const Ctx&) {
    const CustomFieldDef* f = ix.field(c.field);
    if (!f) return field_error("field", "does not exist");
    if (c.patch.name) {
        if (auto s = require_name(*c.patch.name, "name"); !s) return s;
    }
    if (c.patch.options) {
        if (auto s = validate_options(*f, *c.patch.options); !s) return s;
        const auto& keep = *c.patch.options;
        for (const Deal& d : ix.ws.deals)
            for (const CustomValue& v : d.custom)
                if (v.field == c.field && f->type == FieldType::SingleSelect &&
                    std::find(keep.begin(), keep.end(), v.text) == keep.end())
                    return field_error("options", "\"" + v.text + "\" is still used by " + d.title);
    }
    return ok_status();
}

std::string run(Tx& tx, const UpdateCustomField& c, const Ctx& ctx) {
    CustomFieldDef f = *tx.ix().field(c.field);
    if (c.patch.name) f.name = trim(*c.patch.name);
    if (c.patch.options && f.type == FieldType::SingleSelect) f.options = *c.patch.options;
    if (c.patch.position) f.position = *c.patch.position;
    bump(f.meta, ctx);
    std::string label = "Edited field " + f.name;
    tx.put(std::move(f));
    return label;
}

// ---- RemoveCustomField ----
Status validate(const StoreIndexes& ix, const RemoveCustomField& c, const Ctx&) {
    if (!ix.field(c.field)) return field_error("field", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const RemoveCustomField& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    std::vector<Id> using_it;
    for (const Deal& d : ix.ws.deals)
        for (const CustomValue& v : d.custom)
            if (v.field == c.field) using_it.push_back(d.meta.id);
    for (Id id : using_it) {
        const Deal before = *ix.deal(id);
        Deal d = before;
        d.custom.erase(std::remove_if(d.custom.begin(), d.custom.end(), [&](const CustomValue& v) { return v.field == c.field; }),
                       d.custom.end());
        bump(d.meta, ctx);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
    }
    std::string label = "Removed field " + ix.field(c.field)->name;
    update_views(tx, ctx, [&](SavedView& v) { return forget_custom_field(v, c.field); });
    tx.erase(RecordKind::CustomField, c.field);
    return label;
}

// ---- Lost reasons ----
Status validate(const StoreIndexes& ix, const AddLostReason& c, const Ctx&) {
    if (auto s = new_id(ix.reason(c.reason.meta.id) != nullptr, c.reason.meta.id, "id"); !s) return s;
    return require_name(c.reason.text, "text");
}

std::string run(Tx& tx, const AddLostReason& c, const Ctx& ctx) {
    LostReason r = c.reason;
    r.text = trim(r.text);
    init_meta(r.meta, ctx);
    r.position = int32_t(tx.ix().ws.lost_reasons.size());
    std::string label = "Added lost reason " + r.text;
    tx.put(std::move(r));
    return label;
}

Status validate(const StoreIndexes& ix, const UpdateLostReason& c, const Ctx&) {
    if (!ix.reason(c.reason)) return field_error("reason", "does not exist");
    if (c.text) return require_name(*c.text, "text");
    return ok_status();
}

std::string run(Tx& tx, const UpdateLostReason& c, const Ctx& ctx) {
    LostReason r = *tx.ix().reason(c.reason);
    if (c.text) r.text = trim(*c.text);
    if (c.position) r.position = *c.position;
    bump(r.meta, ctx);
    std::string label = "Edited lost reason " + r.text;
    tx.put(std::move(r));
    return label;
}

Status validate(const StoreIndexes& ix, const RemoveLostReason& c, const Ctx&) {
    if (!ix.reason(c.reason)) return field_error("reason", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const RemoveLostReason& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const std::string text = ix.reason(c.reason)->text;
    std::vector<Id> using_it;
    for (const Deal& d : ix.ws.deals)
        if (d.lost_reason == c.reason) using_it.push_back(d.meta.id);
    for (Id id : using_it) {
        Deal d = *ix.deal(id);
        d.lost_reason = kNoId;
        if (d.lost_reason_text.empty()) d.lost_reason_text = text;   // the deal keeps why it was lost
        bump(d.meta, ctx);
        tx.put(std::move(d));
    }
    tx.erase(RecordKind::LostReason, c.reason);
    return "Removed lost reason " + text;
}

// ---- Currencies ----
Status validate(const StoreIndexes& ix, const SetBaseCurrency& c, const Ctx&) {
    Currency tmp;
    if (!parse_currency(c.currency.view(), tmp)) return field_error("currency", "must be three letters A-Z");
    if (c.currency == ix.ws.settings.base_currency) return field_error("currency", "is already the base currency");
    if (!ix.has_rate(c.currency))
        return field_error("currency", "add an exchange rate for " + std::string(c.currency.view()) + " first");
    return ok_status();
}

std::string run(Tx& tx, const SetBaseCurrency& c, const Ctx& ctx) {
    // Re-express every rate against the new base: rate'(X) = rate(X) / rate(new base).
    WorkspaceSettings s = next_settings(tx.ix(), ctx);
    int64_t new_base_rate = 1'000'000;
    for (const ExchangeRate& r : s.rates)
        if (r.currency == c.currency) new_base_rate = r.rate_ppm;
    std::vector<ExchangeRate> rates;
    rates.push_back(ExchangeRate{s.base_currency, (int64_t(1'000'000) * 1'000'000 + new_base_rate / 2) / new_base_rate});
    for (const ExchangeRate& r : s.rates) {
        if (r.currency == c.currency) continue;
        rates.push_back(ExchangeRate{r.currency, (r.rate_ppm * 1'000'000 + new_base_rate / 2) / new_base_rate});
    }
    s.rates = std::move(rates);
    s.base_currency = c.currency;
    tx.put_settings(std::move(s));
    return "Base currency is now " + std::string(c.currency.view());
}

Status validate(const StoreIndexes& ix, const SetExchangeRate& c, const Ctx&) {
    Currency tmp;
    if (!parse_currency(c.currency.view(), tmp)) return field_error("currency", "must be three letters A-Z");
    if (c.currency == ix.ws.settings.base_currency) return field_error("currency", "the base currency needs no rate");
    if (c.rate_ppm < 0) return field_error("rate_ppm", "must not be negative");
    if (c.rate_ppm > int64_t(1) << 40) return field_error("rate_ppm", "is implausibly large");
    if (c.rate_ppm == 0) {
        size_t n = deals_in_currency(ix, c.currency);
        if (n > 0) return field_error("currency", plural(n, "deal uses", "deals use") + " " + std::string(c.currency.view()));
    }
    return ok_status();
}

std::string run(Tx& tx, const SetExchangeRate& c, const Ctx& ctx) {
    WorkspaceSettings s = next_settings(tx.ix(), ctx);
    auto it = std::find_if(s.rates.begin(), s.rates.end(), [&](const ExchangeRate& r) { return r.currency == c.currency; });
    if (c.rate_ppm == 0) {
        if (it != s.rates.end()) s.rates.erase(it);
    } else if (it != s.rates.end()) {
        it->rate_ppm = c.rate_ppm;
    } else {
        s.rates.push_back(ExchangeRate{c.currency, c.rate_ppm});
    }
    tx.put_settings(std::move(s));
    return (c.rate_ppm == 0 ? "Removed the rate of " : "Set the rate of ") + std::string(c.currency.view());
}

Status validate(const StoreIndexes&, const RenameWorkspace& c, const Ctx&) { return require_name(c.name, "name"); }

std::string run(Tx& tx, const RenameWorkspace& c, const Ctx& ctx) {
    WorkspaceSettings s = next_settings(tx.ix(), ctx);
    s.name = trim(c.name);
    std::string label = "Renamed workspace to " + s.name;
    tx.put_settings(std::move(s));
    return label;
}

Status validate(const StoreIndexes&, const SetLocale& c, const Ctx&) {
    if (c.locale.empty() || c.locale.size() > 35) return field_error("locale", "must be a language tag such as en-US");
    return ok_status();
}

std::string run(Tx& tx, const SetLocale& c, const Ctx& ctx) {
    WorkspaceSettings s = next_settings(tx.ix(), ctx);
    s.locale = c.locale;
    tx.put_settings(std::move(s));
    return "Locale set to " + c.locale;
}

}  // namespace dd::cmd
