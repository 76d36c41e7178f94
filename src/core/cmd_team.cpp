// Team members and the current user of this device.
#include "core/cmd_handlers.h"
#include "core/cmd_saved_views.h"
#include "core/saved_view.h"

namespace dd::cmd {

namespace {

size_t admin_count(const StoreIndexes& ix) {
    size_t n = 0;
    for (const TeamMember& m : ix.ws.team) n += m.role == Role::Admin;
    return n;
}

}  // namespace

// ---- AddTeamMember ----
Status validate(const StoreIndexes& ix, const AddTeamMember& c, const Ctx& ctx) {
    const TeamMember& m = c.member;
    if (auto s = new_id(ix.member(m.meta.id) != nullptr, m.meta.id, "id"); !s) return s;
    if (auto s = require_name(m.name, "name"); !s) return s;
    if (ix.ws.team.empty() && m.role != Role::Admin)
        return field_error("role", "the first team member must be an admin (someone has to manage settings)");
    // Joining as a viewer needs no rights (required_permission): a newcomer on this device says
    // who they are. Someone already on the team adds members only as an admin.
    const TeamMember* actor = ix.member(ctx.actor);
    if (actor && actor->role != Role::Admin) return field_error("member", "only an admin adds team members");
    return ok_status();
}

std::string run(Tx& tx, const AddTeamMember& c, const Ctx& ctx) {
    TeamMember m = c.member;
    m.name = trim(m.name);
    init_meta(m.meta, ctx);
    std::string label = "Added team member " + m.name;
    tx.put(std::move(m));
    return label;
}

// ---- UpdateTeamMember ----
Status validate(const StoreIndexes& ix, const UpdateTeamMember& c, const Ctx&) {
    const TeamMember* m = ix.member(c.member);
    if (!m) return field_error("member", "does not exist");
    if (auto s = require_name(c.patch.name, "name"); !s) return s;
    if (c.patch.role && *c.patch.role != Role::Admin && m->role == Role::Admin && admin_count(ix) == 1)
        return field_error("role", "the team needs at least one admin");
    return ok_status();
}

std::string run(Tx& tx, const UpdateTeamMember& c, const Ctx& ctx) {
    TeamMember m = *tx.ix().member(c.member);
    set_name_if(m.name, c.patch.name);
    set_if(m.email, c.patch.email);
    set_if(m.role, c.patch.role);
    bump(m.meta, ctx);
    std::string label = "Edited team member " + m.name;
    tx.put(std::move(m));
    return label;
}

// ---- RemoveTeamMember ----
Status validate(const StoreIndexes& ix, const RemoveTeamMember& c, const Ctx&) {
    const TeamMember* m = ix.member(c.member);
    if (!m) return field_error("member", "does not exist");
    if (m->role == Role::Admin && admin_count(ix) == 1 && ix.ws.team.size() > 1)
        return field_error("member", "the team needs at least one admin");
    if (c.reassign_to != kNoId && (c.reassign_to == c.member || !ix.member(c.reassign_to)))
        return field_error("reassign_to", "must be another team member");
    return ok_status();
}

std::string run(Tx& tx, const RemoveTeamMember& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const std::string name = ix.member(c.member)->name;
    for (Id id : ix.deals_of_owner(c.member)) {
        const Deal before = *ix.deal(id);
        Deal d = before;
        d.owner = c.reassign_to;
        bump(d.meta, ctx);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
    }
    if (ix.ws.settings.current_user == c.member) {
        WorkspaceSettings s = next_settings(ix, ctx);
        s.current_user = kNoId;
        tx.put_settings(std::move(s));
    }
    update_views(tx, ctx, [&](SavedView& v) { return forget_member(v, c.member); });
    tx.erase(RecordKind::TeamMember, c.member);
    return "Removed team member " + name;
}

// ---- SetCurrentUser ----
Status validate(const StoreIndexes& ix, const SetCurrentUser& c, const Ctx&) {
    if (c.member != kNoId && !ix.member(c.member)) return field_error("member", "is not a team member");
    return ok_status();
}

std::string run(Tx& tx, const SetCurrentUser& c, const Ctx& ctx) {
    WorkspaceSettings s = next_settings(tx.ix(), ctx);
    s.current_user = c.member;
    tx.put_settings(std::move(s));
    return c.member == kNoId ? "Signed out" : "Switched to " + member_name(tx.ix(), c.member);
}

}  // namespace dd::cmd
