import type { Me } from '@keyguard/contract';
import { Members } from './members';
import { ScimTokens } from './scim-tokens';
import { ServiceTokens } from './service-tokens';
import { SsoSection } from './sso-section';

/** Team Settings: who is in the team, how the identity provider provisions them, machine credentials, single sign-on. */
export function TeamSettingsPage({ me }: { me: Me }) {
  return (
    <section aria-labelledby="team-settings-title" className="team-settings">
      <div className="page-header">
        <div>
          <h1 id="team-settings-title">Team Settings</h1>
          <p className="muted">{me.team.name}: members, SCIM provisioning, service tokens and single sign-on.</p>
        </div>
      </div>
      <div className="card settings-section">
        <Members me={me} />
      </div>
      <div className="card settings-section">
        <ScimTokens />
      </div>
      <div className="card settings-section">
        <ServiceTokens />
      </div>
      <div className="card settings-section">
        <SsoSection />
      </div>
    </section>
  );
}
