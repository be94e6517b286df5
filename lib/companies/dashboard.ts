import { listCompanyAudit, type AuditRow } from '@/lib/audit';
import type { Acting } from '@/lib/companies/access';
import { adminCompany, type AdminCompany } from '@/lib/companies/overview';
import { listMembers, type MemberPage } from '@/lib/companies/members';
import { listCompanyInvitations, type CompanyInvitationList } from '@/lib/companies/invitations';
import { listCompanyTokens, type TokenRow } from '@/lib/api-tokens';
import { viewCompanyUsernameRules, type CompanyRulesView } from '@/lib/companies/username-rules';
import { viewCompanyBranding, type BrandingView } from '@/lib/companies/branding';

export interface CompanyDashboard {
  company: AdminCompany;
  members: MemberPage;
  invitations: CompanyInvitationList;
  tokens: TokenRow[];
  usernameRules: CompanyRulesView;
  branding: BrandingView;
  audit: AuditRow[];
}

/** Everything one company's admin section shows; a 404 for anyone who may not administer it. */
export function companyDashboard(acting: Acting | null, companyId: number, options: { query?: string; page?: number } = {}): CompanyDashboard {
  const company = adminCompany(acting, companyId);
  return {
    company,
    members: listMembers(acting, companyId, options),
    invitations: listCompanyInvitations(acting, companyId),
    tokens: listCompanyTokens(acting, companyId),
    usernameRules: viewCompanyUsernameRules(acting, companyId),
    branding: viewCompanyBranding(acting, companyId),
    audit: listCompanyAudit(acting, companyId, 15),
  };
}
