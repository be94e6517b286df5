import { listCompanyAudit, type AuditRow } from '@/lib/audit';
import type { Acting } from '@/lib/companies/access';
import { adminCompany, type AdminCompany } from '@/lib/companies/overview';
import { listMembers, type MemberPage } from '@/lib/companies/members';
import { listCompanyInvitations, type CompanyInvitationList } from '@/lib/companies/invitations';
import { listCompanyTokens, type TokenRow } from '@/lib/api-tokens';
import { viewCompanyUsernameRules, type CompanyRulesView } from '@/lib/companies/username-rules';
import { viewCompanyBranding, type BrandingView } from '@/lib/companies/branding';
import { listHeldCompanyUsernames, type HeldCompanyUsername } from '@/lib/companies/holds';

export interface CompanyDashboard {
  company: AdminCompany;
  members: MemberPage;
  invitations: CompanyInvitationList;
  tokens: TokenRow[];
  usernameRules: CompanyRulesView;
  branding: BrandingView;
  heldNames: HeldCompanyUsername[];
  audit: AuditRow[];
}

/** Everything one company's admin section shows; a 404 for anyone who may not administer it. */
export async function companyDashboard(acting: Acting | null, companyId: number, options: { query?: string; page?: number } = {}): Promise<CompanyDashboard> {
  const company = await adminCompany(acting, companyId);
  return {
    company,
    members: await listMembers(acting, companyId, options),
    invitations: await listCompanyInvitations(acting, companyId),
    tokens: await listCompanyTokens(acting, companyId),
    usernameRules: await viewCompanyUsernameRules(acting, companyId),
    branding: await viewCompanyBranding(acting, companyId),
    heldNames: await listHeldCompanyUsernames(acting, companyId),
    audit: await listCompanyAudit(acting, companyId, 15),
  };
}
