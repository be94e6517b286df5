/** One message for every failed sign-in, whether the name exists or not. */
export const SIGN_IN_FAILED = 'That username and password do not match. Check both and try again.';
export const SIGN_IN_LIMITED = 'Too many sign-in attempts from here. Wait a minute, then try again.';
