#include "core/starter_workspace.h"

namespace dd {

Workspace make_starter_workspace(IdGenerator& ids, Millis now) {
    Workspace ws;
    ws.settings.name = "My workspace";
    ws.settings.updated_at = now;

    TeamMember me;
    me.meta = RecordMeta{ids.next(), 1, now, now};
    me.name = "You";
    me.role = Role::Admin;
    ws.team.push_back(me);
    ws.settings.current_user = me.meta.id;

    Pipeline p;
    p.meta = RecordMeta{ids.next(), 1, now, now};
    p.name = "Sales pipeline";
    p.position = 0;
    // Probabilities rise as a deal firms up; idle days say when a deal starts "rotting".
    struct Row { const char* name; uint8_t probability; uint32_t color; int32_t idle_days; StageKind kind; };
    const Row rows[] = {
        {"Lead in", 10, 0x8E8EF5, 14, StageKind::Open},
        {"Contact made", 20, 0x6AA8F7, 14, StageKind::Open},
        {"Needs defined", 40, 0x4CC3C7, 10, StageKind::Open},
        {"Proposal sent", 60, 0xF2B54A, 10, StageKind::Open},
        {"Negotiation", 80, 0xF08A5D, 7, StageKind::Open},
        {"Won", 100, 0x3DBB7C, 0, StageKind::Won},
        {"Lost", 0, 0xE5484D, 0, StageKind::Lost},
    };
    for (const Row& r : rows) {
        Stage s;
        s.id = ids.next();
        s.name = r.name;
        s.probability = r.probability;
        s.color = r.color;
        s.idle_days = r.idle_days;
        s.kind = r.kind;
        p.stages.push_back(s);
    }
    ws.pipelines.push_back(p);

    const char* reasons[] = {"Price", "Chose a competitor", "No budget", "No decision", "Timing"};
    int32_t position = 0;
    for (const char* text : reasons) {
        LostReason r;
        r.meta = RecordMeta{ids.next(), 1, now, now};
        r.text = text;
        r.position = position++;
        ws.lost_reasons.push_back(r);
    }
    return ws;
}

}  // namespace dd
