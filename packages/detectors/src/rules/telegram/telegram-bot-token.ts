import { contextRule } from '../context-rule.js';

export const telegramBotToken = contextRule({
  id: 'telegram-bot-token',
  description: 'Telegram bot token (with "telegram"/"tgram" nearby)',
  provider: 'telegram',
  names: ['telegram', 'tgram', 'tg_bot', 'tgbot'],
  value: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [`${g.digits(10)}:AA${g.base64url(33)}`],
  nearMisses: (g) => [`telegram_chat_id: ${g.digits(10)}`],
});
