import { LEFT_ALNUM, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** `SK` + 32 hex has no distinctive prefix, so a nearby "twilio" is required as context. */
export const twilioApiKey: Rule = {
  id: 'twilio-api-key',
  description: 'Twilio API key SID (with "twilio" nearby)',
  provider: 'twilio',
  keywords: ['twilio', 'Twilio', 'TWILIO'],
  mode: 'window',
  window: { before: 200, after: 200 },
  pattern: pattern(LEFT_ALNUM, '(?<secret>SK[0-9a-fA-F]{32})', RIGHT_ALNUM),
  confidence: 'medium',
  entropy: 3,
  samples: {
    truePositives: (g) => {
      const key = `SK${g.hex(32)}`;
      return [{ text: `TWILIO_API_KEY=${key}\nTWILIO_API_SECRET=x\n`, secret: key }];
    },
    falsePositives: (g) => [`SK${g.hex(32)}`, `twilio sid: SK${'0'.repeat(32)}`, `twilio SK${g.hex(31)}`],
  },
};
