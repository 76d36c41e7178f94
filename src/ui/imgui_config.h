// Dear ImGui configuration for Dealdeck (used as IMGUI_USER_CONFIG by the dd_imgui target).
#pragma once

// The test-engine hooks are always on: they are how the item registry learns every widget's
// rectangle and label each frame, which feeds window.dealdeck.items() and the native UI tests.
// The hooks themselves are defined in src/ui/item_registry.cpp; they cost a few stores per item.
#define IMGUI_ENABLE_TEST_ENGINE

// We ship neither the demo window nor the old API names.
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
