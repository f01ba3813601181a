// The control token's header, in a file of its own: the control client (which runs in browsers too)
// and the guard (Node-only) both need it.
export const CONTROL_TOKEN_HEADER = "x-control-token";
