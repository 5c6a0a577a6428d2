/** Commands of the reader's own settings: how they hear of new messages while not looking. */
import type { NotificationPreferences, UserId } from '../../model/types.js';
import type { CommandContext, Handlers } from '../context.js';

/** Until a reader chooses, nothing notifies: desktop notifications are asked for only when they turn them on. */
const DEFAULTS: NotificationPreferences = { desktop: false, emailDigest: false };

export async function notificationPreferences(ctx: CommandContext, userId: UserId): Promise<NotificationPreferences> {
  return { ...DEFAULTS, ...(await ctx.storage.getNotificationPreferences(userId)) };
}

export const preferences = {
  getNotificationPreferences: async (ctx, user) => notificationPreferences(ctx, user.id),

  setNotificationPreferences: async (ctx, user, changes) => {
    const before = await notificationPreferences(ctx, user.id);
    const after = { ...before, ...changes };
    if (after.desktop !== before.desktop || after.emailDigest !== before.emailDigest) {
      await ctx.storage.putNotificationPreferences(user.id, after);
      await ctx.publish(user.id, { type: 'preferences-changed', preferences: after });
    }
    return after;
  },
} satisfies Partial<Handlers>;
