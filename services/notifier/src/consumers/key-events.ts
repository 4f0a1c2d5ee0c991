import { type ConsumedMessage, permanent, retriable } from '@keyguard/bus';
import type { KeyEvent } from '@keyguard/events';
import { retryingStoreBusy } from '@keyguard/keys';
import type { NotificationRepository } from '@keyguard/store';
import type { Mailer } from '../adapters/mailer.js';
import { revocationEmail } from '../domain/revocation-email.js';

export interface KeyEventHandlerDeps {
  notifications: NotificationRepository;
  mailer: Mailer;
  dashboardUrl: string;
  onSent?: () => void;
}

/**
 * One email per `key.revoked` event: the event id is claimed first (a redelivery finds it
 * taken and sends nothing); a failed send gives the claim back and throws a retriable error,
 * so the consumer tries again with backoff while SMTP is down.
 *
 * A claim still `sending` belongs to a sender that may have crashed mid-send (kill -9): the
 * redelivery retries until the claim is stale (longer than a send can take: see the mailer's
 * timeouts), then takes it over and sends. The email is never lost; it can go out twice only
 * if the crash fell between the SMTP server's acceptance and `markSent`, and then with the
 * same Message-ID, which mailboxes show once.
 */
export function createKeyEventHandler({ notifications, mailer, dashboardUrl, onSent }: KeyEventHandlerDeps) {
  return (message: ConsumedMessage<KeyEvent>): Promise<void> => retryingStoreBusy(() => handleKeyEvent(message));

  async function handleKeyEvent({ value: event, log }: ConsumedMessage<KeyEvent>): Promise<void> {
    if (event.type !== 'key.revoked') return;
    const email = revocationEmail(event.payload, dashboardUrl);
    if (!email.to) throw permanent('NO_RECIPIENT', 'the key owner has no email address');
    if (!(await notifications.claim(event.id, event.type, email.to))) {
      if ((await notifications.status(event.id)) === 'sending') {
        throw retriable('EMAIL_IN_FLIGHT', 'another sender claimed this email and has not finished; waiting for the claim to go stale');
      }
      log.info({ keyId: event.payload.keyId }, 'email already sent for this event');
      return;
    }
    try {
      await mailer.send({ ...email, messageId: `<${event.id.replace(/[^A-Za-z0-9._-]/g, '.')}@keyguard>` });
    } catch (error) {
      await notifications.release(event.id);
      throw retriable('SMTP_UNAVAILABLE', 'could not send the email', error);
    }
    await notifications.markSent(event.id);
    onSent?.();
    log.info({ keyId: event.payload.keyId, reason: event.payload.reason }, 'revocation email sent');
  }
}
