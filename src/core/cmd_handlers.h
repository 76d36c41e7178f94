// Private to the store: the validate/run pair of every command (see cmd_support.h).
#pragma once
#include "core/cmd_support.h"

namespace dd::cmd {

#define DD_COMMAND_HANDLERS(X)                                      \
    Status validate(const StoreIndexes& ix, const X& c, const Ctx& ctx); \
    std::string run(Tx& tx, const X& c, const Ctx& ctx);

// cmd_pipelines.cpp
DD_COMMAND_HANDLERS(CreatePipeline)
DD_COMMAND_HANDLERS(RenamePipeline)
DD_COMMAND_HANDLERS(MovePipeline)
DD_COMMAND_HANDLERS(DeletePipeline)
DD_COMMAND_HANDLERS(AddStage)
DD_COMMAND_HANDLERS(UpdateStage)
DD_COMMAND_HANDLERS(MoveStage)
DD_COMMAND_HANDLERS(DeleteStage)
// cmd_deals.cpp
DD_COMMAND_HANDLERS(CreateDeal)
DD_COMMAND_HANDLERS(UpdateDeal)
DD_COMMAND_HANDLERS(BulkUpdateDeals)
DD_COMMAND_HANDLERS(DeleteDeals)
DD_COMMAND_HANDLERS(DuplicateDeal)
// cmd_import.cpp
DD_COMMAND_HANDLERS(ImportDeals)
// cmd_deal_moves.cpp
DD_COMMAND_HANDLERS(MoveDeal)
DD_COMMAND_HANDLERS(BulkMoveDeals)
DD_COMMAND_HANDLERS(SetDealStatus)
// A stage move's label from its parts, after `prefix` ("Undid: "): the same text run(MoveDeal) returned.
std::string move_label(const StoreIndexes& ix, const MoveLabel& m, std::string_view prefix);
// cmd_bulk_status.cpp
DD_COMMAND_HANDLERS(BulkSetDealStatus)
// cmd_people.cpp
DD_COMMAND_HANDLERS(CreateContact)
DD_COMMAND_HANDLERS(UpdateContact)
DD_COMMAND_HANDLERS(DeleteContact)
DD_COMMAND_HANDLERS(CreateCompany)
DD_COMMAND_HANDLERS(UpdateCompany)
DD_COMMAND_HANDLERS(DeleteCompany)
// cmd_timeline.cpp
DD_COMMAND_HANDLERS(CreateActivity)
DD_COMMAND_HANDLERS(UpdateActivity)
DD_COMMAND_HANDLERS(DeleteActivity)
DD_COMMAND_HANDLERS(AddNote)
DD_COMMAND_HANDLERS(UpdateNote)
DD_COMMAND_HANDLERS(DeleteNote)
// cmd_team.cpp
DD_COMMAND_HANDLERS(AddTeamMember)
DD_COMMAND_HANDLERS(UpdateTeamMember)
DD_COMMAND_HANDLERS(RemoveTeamMember)
DD_COMMAND_HANDLERS(SetCurrentUser)
// cmd_settings.cpp
DD_COMMAND_HANDLERS(AddCustomField)
DD_COMMAND_HANDLERS(UpdateCustomField)
DD_COMMAND_HANDLERS(RemoveCustomField)
DD_COMMAND_HANDLERS(AddLostReason)
DD_COMMAND_HANDLERS(UpdateLostReason)
DD_COMMAND_HANDLERS(RemoveLostReason)
DD_COMMAND_HANDLERS(SetBaseCurrency)
DD_COMMAND_HANDLERS(SetExchangeRate)
DD_COMMAND_HANDLERS(RenameWorkspace)
DD_COMMAND_HANDLERS(SetLocale)
// cmd_saved_views.cpp
DD_COMMAND_HANDLERS(CreateSavedView)
DD_COMMAND_HANDLERS(UpdateSavedView)
DD_COMMAND_HANDLERS(RenameSavedView)
DD_COMMAND_HANDLERS(MoveSavedView)
DD_COMMAND_HANDLERS(DeleteSavedView)
DD_COMMAND_HANDLERS(ShareSavedView)

#undef DD_COMMAND_HANDLERS

}  // namespace dd::cmd
