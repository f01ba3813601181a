// RFC 9110 token characters: anything else cannot be a header name.
// INTERIM: replaced by the client's exported token pattern as soon as it is on main.
export const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
