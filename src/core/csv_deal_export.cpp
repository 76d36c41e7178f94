#include "core/csv_deal_export.h"

#include "core/cmd_support.h"
#include "core/store.h"

namespace dd {
namespace {

const CustomValue* custom_of(const Deal& d, Id field) {
    for (const CustomValue& v : d.custom)
        if (v.field == field) return &v;
    return nullptr;
}

std::string scaled_decimal(int64_t value, int digits) {
    if (digits <= 0) return std::to_string(value);
    uint64_t scale = 1;
    for (int i = 0; i < digits; ++i) scale *= 10;
    const bool negative = value < 0;
    const uint64_t abs = negative ? uint64_t(0) - uint64_t(value) : uint64_t(value);
    std::string frac = std::to_string(abs % scale);
    return (negative ? "-" : "") + std::to_string(abs / scale) + '.' + std::string(size_t(digits) - frac.size(), '0') + frac;
}

}  // namespace

std::string decimal_amount(Money amount, Currency currency) {
    return scaled_decimal(amount, cmd::minor_digits(currency));
}

std::string deal_column_title(const Store& store, DealColumn column, Id custom_field) {
    switch (column) {
    case DealColumn::Title: return "Title";
    case DealColumn::Value: return "Value";
    case DealColumn::Currency: return "Currency";
    case DealColumn::Pipeline: return "Pipeline";
    case DealColumn::Stage: return "Stage";
    case DealColumn::Probability: return "Probability";
    case DealColumn::Status: return "Status";
    case DealColumn::Owner: return "Owner";
    case DealColumn::Contact: return "Contacts";
    case DealColumn::Company: return "Company";
    case DealColumn::ExpectedClose: return "Expected close";
    case DealColumn::Created: return "Created";
    case DealColumn::Updated: return "Updated";
    case DealColumn::LastActivity: return "Last activity";
    case DealColumn::Reference: return "Reference";
    case DealColumn::Custom: {
        const CustomFieldDef* def = store.find_custom_field(custom_field);
        return def ? def->name : "Custom field";
    }
    }
    return "";
}

bool deal_column_is_numeric(const Store& store, DealColumn column, Id custom_field) {
    if (column == DealColumn::Value || column == DealColumn::Probability) return true;
    if (column != DealColumn::Custom) return false;
    const CustomFieldDef* def = store.find_custom_field(custom_field);
    return def && def->type == FieldType::Number;
}

std::string deal_cell_text(const Store& store, const Deal& d, DealColumn column, Id custom_field) {
    switch (column) {
    case DealColumn::Title: return d.title;
    case DealColumn::Value: return decimal_amount(d.value, d.currency);
    case DealColumn::Currency: return std::string(d.currency.view());
    case DealColumn::Pipeline: {
        const Pipeline* p = store.find_pipeline(d.pipeline);
        return p ? p->name : std::string();
    }
    case DealColumn::Stage: {
        const Stage* s = store.find_stage(d.stage);
        return s ? s->name : std::string();
    }
    case DealColumn::Probability: return std::to_string(store.effective_probability(d));
    case DealColumn::Status: return to_string(d.status);
    case DealColumn::Owner: {
        const TeamMember* m = store.find_member(d.owner);
        return m ? m->name : std::string();
    }
    case DealColumn::Contact: {
        std::string out;
        for (Id id : d.contacts) {
            const Contact* c = store.find_contact(id);
            if (!c) continue;
            if (!out.empty()) out += "; ";
            out += c->name;
        }
        return out;
    }
    case DealColumn::Company: {
        const Company* c = store.find_company(d.company);
        return c ? c->name : std::string();
    }
    case DealColumn::ExpectedClose: return d.expected_close == kNoDay ? std::string() : day_to_string(d.expected_close);
    case DealColumn::Created: return millis_to_string(d.meta.created_at);
    case DealColumn::Updated: return millis_to_string(d.meta.updated_at);
    case DealColumn::LastActivity: return d.last_activity_at == 0 ? std::string() : millis_to_string(d.last_activity_at);
    case DealColumn::Reference: return d.external_ref;
    case DealColumn::Custom: {
        const CustomValue* v = custom_of(d, custom_field);
        if (!v) return std::string();
        const CustomFieldDef* def = store.find_custom_field(custom_field);
        const FieldType type = def ? def->type : FieldType::Text;
        switch (type) {
        case FieldType::Text:
        case FieldType::SingleSelect: return v->text;
        case FieldType::Number: return std::to_string(v->number);
        case FieldType::Date: return day_to_string(Day(v->number));
        case FieldType::Checkbox: return v->number ? "yes" : "no";
        }
        return v->text;
    }
    }
    return std::string();
}

DealCsvColumns deal_csv_columns(const Store& store, std::vector<ColumnLayout> columns) {
    DealCsvColumns out;
    for (const ColumnLayout& c : columns) out.numeric.push_back(deal_column_is_numeric(store, c.column, c.custom_field));
    out.columns = std::move(columns);
    return out;
}

void write_deals_csv_header(std::string& out, const Store& store, const DealCsvColumns& columns, bool bom) {
    CsvWriter csv(out, bom);
    for (const ColumnLayout& c : columns.columns) csv.append_text(deal_column_title(store, c.column, c.custom_field));
    csv.end_row();
}

void write_deal_csv_row(std::string& out, const Store& store, const Deal& d, const DealCsvColumns& columns) {
    CsvWriter csv(out);
    for (size_t i = 0; i < columns.columns.size(); ++i) {
        const ColumnLayout& c = columns.columns[i];
        const std::string text = deal_cell_text(store, d, c.column, c.custom_field);
        if (columns.numeric[i]) csv.append_number(text);
        else csv.append_text(text);
    }
    csv.end_row();
}

void write_deals_csv(std::string& out, const Store& store, const std::vector<const Deal*>& deals,
                     const std::vector<ColumnLayout>& columns, bool bom) {
    const DealCsvColumns cols = deal_csv_columns(store, columns);
    write_deals_csv_header(out, store, cols, bom);
    for (const Deal* d : deals) write_deal_csv_row(out, store, *d, cols);
}

}  // namespace dd
