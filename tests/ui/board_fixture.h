// Helpers for the board's headless tests: a driver on the sample workspace, and lookups of lanes
// and cards by what the user sees.
#pragma once
#include "core/sample_data.h"
#include "core/store.h"
#include "ui/app_frame.h"
#include "ui_driver.h"

#include <string>
#include <vector>

namespace dd::ui::test {

// The driver with `deals` sample deals loaded (the first pipeline, "New business", shown).
inline void load_sample(UiDriver& ui, size_t deals, uint64_t seed = 11) {
    load_workspace_into(ui.app, make_sample_workspace(seed, deals, ui.now), ui.now, "Loaded");
    ui.app.ui.toast = Toast{};
    ui.frame(2);
}

inline const Pipeline& shown_pipeline(const UiDriver& ui) { return *ui.app.store.find_pipeline(ui.app.ui.pipeline); }

inline const Stage& stage_named(const UiDriver& ui, const std::string& name) {
    for (const Stage& s : shown_pipeline(ui).stages)
        if (s.name == name) return s;
    return shown_pipeline(ui).stages.front();
}

inline const Stage& open_stage(const UiDriver& ui, size_t i) { return shown_pipeline(ui).stages[i]; }

// Ids of a stage's deals in the store's display order.
inline std::vector<Id> lane_ids(const UiDriver& ui, Id stage) {
    std::vector<Id> ids;
    for (const Deal* d : ui.app.store.lane(stage)) ids.push_back(d->meta.id);
    return ids;
}

// Setup through the store (not the path under test): a deal titled `title` at the end of `stage`.
inline Id add_deal(UiDriver& ui, const Stage& stage, const std::string& title, Money value = 100000,
                   Day expected_close = kNoDay) {
    CreateDeal c;
    c.deal.meta.id = ui.app.ids.next();
    c.deal.title = title;
    c.deal.value = value;
    c.deal.pipeline = ui.app.ui.pipeline;
    c.deal.stage = stage.id;
    c.deal.owner = ui.app.store.settings().current_user;
    c.deal.expected_close = expected_close;
    Contact person;
    person.meta.id = ui.app.ids.next();
    person.name = title + " contact";
    c.new_contact = person;
    auto r = ui.app.store.apply(c, {ui.app.store.settings().current_user, ui.now});
    return r.ok() ? c.deal.meta.id : kNoId;
}

// The starter pipeline with `per_lane` deals titled "<stage> <i>" in each open stage.
inline void fill_starter(UiDriver& ui, int per_lane) {
    for (const Stage& s : shown_pipeline(ui).stages) {
        if (s.kind != StageKind::Open) continue;
        for (int i = 1; i <= per_lane; ++i) add_deal(ui, s, s.name + " " + std::to_string(i), 100000 * i);
    }
    ui.frame(2);
}

// The card of a deal in the last frame (its InvisibleButton is labelled with the title; deals
// with the same title are told apart by the item's rectangle order, so tests use unique titles).
inline const ItemRecord* card_of(const UiDriver& ui, const Deal& d) { return ui.find(d.title); }

}  // namespace dd::ui::test
