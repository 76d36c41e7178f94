// Ctrl/Cmd+C, X and V between ImGui's text fields and the system clipboard.
//
// A page cannot read the clipboard whenever it likes: the browser hands the text over only in a
// 'paste' event (the user pressed Ctrl/Cmd+V or chose Paste). So the text ImGui reads is a copy
// kept here: the paste event stores it, then feeds ImGui the Ctrl+V (Cmd+V on a Mac) it needs to
// insert it at the caret. Copy and cut write with navigator.clipboard.writeText and keep the
// text too, so pasting inside the app works even where the browser refuses the write.
#pragma once

namespace dd::web {

struct WebApp;

// After ImGui::CreateContext and input_install. The state lives as long as the page (like WebApp).
void clipboard_install(WebApp& web);

}  // namespace dd::web
