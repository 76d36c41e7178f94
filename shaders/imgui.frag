#version 300 es
// The font atlas is a one-channel (R8) texture holding coverage; its white pixel (solid
// shapes) has coverage 1. So a fragment is the vertex colour with alpha scaled by coverage.
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 out_color;
void main() {
    out_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);
}
