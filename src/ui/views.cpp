#include "ui/views.h"

#include "ui/board_view.h"
#include "ui/contacts.h"
#include "ui/deal_page.h"
#include "ui/icons.h"
#include "ui/list_view.h"
#include "ui/team_settings.h"
#include "ui/view_placeholder.h"

namespace dd::ui {
namespace {

// Until the real views land, each says plainly what is coming (see view_placeholder.h).
void draw_forecast(ViewContext& ctx) {
    draw_placeholder(ctx, {icons::kLineChart, "Forecasts arrive in a later release",
                           "Expected revenue by month, weighted by stage probability, with what is "
                           "committed and what is at risk."});
}

const ViewInfo kViews[] = {
    {View::Board, "Board", icons::kColumns, draw_board},
    {View::List, "List", icons::kList, draw_list_view},
    {View::Forecast, "Forecast", icons::kLineChart, draw_forecast},
    // Pages outside the switcher: the top bar's People menu and links from other views lead here.
    {View::Contacts, "Contacts", icons::kAddressBook, draw_contacts, false},
    {View::Companies, "Companies", icons::kBuilding, draw_companies, false},
    {View::Deal, "Deal", icons::kColumns, draw_deal_page, false},
    {View::Team, "Team", icons::kUsers, draw_team_settings, false},
};

}  // namespace

const ViewInfo* views_begin() { return kViews; }
const ViewInfo* views_end() { return kViews + sizeof(kViews) / sizeof(kViews[0]); }

const ViewInfo& view_info(View v) {
    for (const ViewInfo* it = views_begin(); it != views_end(); ++it)
        if (it->view == v) return *it;
    return kViews[0];
}

}  // namespace dd::ui
