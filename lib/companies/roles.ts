// A member's role in a company (client-safe: the admin screen's forms use it too).

export const ROLES = ['admin', 'member'] as const;

export type Role = (typeof ROLES)[number];
