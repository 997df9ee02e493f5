import { logFailure } from './store/unavailable.js';
import express from 'express';
import { DEFAULT_CAPTION_LANG, REMARK_PREFIX } from '../shared/captions.js';
import { voicedName } from '../shared/queue.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { clusterAdapter } from './cluster/redis.js';
import { nodeParts } from './cluster/node.js';
import { applyLifecycle } from './sessions/lifecycle.js';
import { createRecordService } from './sessions/recordService.js';
import { createRegistrationService } from './sessions/registration.js';
import { createRegistrationLinks } from './sessions/links.js';
import { createRegistrationMail } from './sessions/mail.js';
import { createManageService } from './sessions/manage.js';
import { createReminders } from './sessions/reminders.js';
import { createTurnRepo } from './store/turnRepo.js';
import { createCommentParts } from './comments/routes.js';
import { createOrganizerAuth } from './api/organizerAuth.js';
import { createCaptionUrls } from './captions/captionUrl.js';
import { registerCaptionHandlers } from './captions/handlers.js';
import { createCaptionService } from './captions/service.js';
import { CAPTION_AUDIENCE, createLinkSigner, MANAGE_AUDIENCE } from './invites/tokens.js';
import { createMediaEffects } from './livekit/effects.js';
import { createLogger } from './log.js';
import { createSocketAuth } from './transport/auth.js';
import { createClosing } from './transport/closing.js';
import { createCommandPipeline } from './transport/commands.js';
import {
  createRevisionCounter,
  sessionChannel,
  type OpenFloorServer,
  type RoomContext,
} from './transport/context.js';
import {
  registerInterpreterHandlers,
  registerRoomHandlers,
  tellNodesLost,
  trackPresence,
} from './room/handlers.js';
import { registerQueueHandlers } from './queue/handlers.js';
import { createQueueService } from './queue/service.js';
import { broadcastRoomState, createAudienceBroadcaster } from './room/state.js';
import { createRegistrationRepo } from './store/registrationRepo.js';
import { createRepo } from './store/repo.js';
import { registerSessionHandlers } from './sessions/handlers.js';
import { createMetrics } from './metrics/metrics.js';
import type { App, AppOptions } from './appOptions.js';
import { mountHttp } from './http/mount.js';

const TIMER_TICK_MS = 250;
const API_REQUESTS_PER_MINUTE = 600;
const REMINDER_RUN_MS = 60_000;
/** How long a stop waits for the pages to acknowledge that the server is stopping, not the session. */
const STOPPING_NOTICE_MS = 500;

export type { App, AppOptions } from './appOptions.js';

/** Builds the HTTP + Socket.IO server from its parts; main.ts and the tests both use it. */
export function createApp(o: AppOptions): App {
  const now = o.now ?? (() => new Date());
  const metrics = o.metrics ?? createMetrics();
  const repo = createRepo(o.db);
  const signer = createLinkSigner(o.linkSecret);
  const captionSigner = createLinkSigner(o.linkSecret, CAPTION_AUDIENCE);
  const app = express();
  // Socket.IO must attach after the app is the server's request handler, so that it takes its
  // own paths away from Express (otherwise both answer a polling request).
  const http = createServer(app);
  const io: OpenFloorServer = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  if (o.redis) io.adapter(clusterAdapter(o.redis));
  const mediaHealth = o.mediaHealth ?? null;
  const effects = o.media ? createMediaEffects(o.media, mediaHealth, createLogger('livekit')) : null;
  const { gate, presence, cluster } = nodeParts({
    db: o.db,
    redis: o.redis,
    nowMs: () => now().getTime(),
    onNodesLost: (gone) => tellNodesLost(ctx, gone),
  });
  const queue = createQueueService({
    db: o.db,
    gate,
    media: effects,
    log: createLogger('queue'),
    nowMs: () => now().getTime(),
    presentAmong: (sessionId, ids) => presence.onlineAmong(sessionId, ids),
    recordFloor: (db, sessionId, floor, atMs) =>
      records.floorChanged(sessionId, floor, createTurnRepo(db), new Date(atMs)),
    recordVoice: (db, sessionId, voicedBy) => createTurnRepo(db).voice(sessionId, voicedBy?.name ?? null),
    onChange: (sessionId, snapshot, floorChanged) => {
      io.to(sessionChannel(sessionId)).emit('queue:state', snapshot);
      if (!floorChanged) return;
      void broadcastRoomState(ctx, sessionId);
      const floor = snapshot.floor;
      if (floor?.kind === 'remark' && floor.remark) {
        const text = `${REMARK_PREFIX} ${floor.remark.replace(/\s+/g, ' ').trim()}`;
        captions.record(sessionId, DEFAULT_CAPTION_LANG, floor.name, text).catch((err: unknown) => {
          logFailure(ctx.log, err, 'recording a written remark failed');
        });
      }
    },
  });
  const captions = createCaptionService({
    db: o.db,
    gate,
    nowMs: () => now().getTime(),
    onLine: (sessionId, line) => io.to(sessionChannel(sessionId)).emit('caption:line', line),
    onPartial: (sessionId, partial) => io.to(sessionChannel(sessionId)).emit('caption:partial', partial),
    onCorrected: (sessionId, line) => io.to(sessionChannel(sessionId)).emit('caption:corrected', line),
    // A29: who holds the pen is part of the room's state, sent to every node's pages.
    onPen: (sessionId) =>
      void broadcastRoomState(ctx, sessionId).catch((err: unknown) =>
        logFailure(ctx.log, err, 'broadcasting the caption pen failed'),
      ),
    onDelivered: metrics.captionDelivered,
  });
  const publicUrl = () => o.publicUrl ?? `http://localhost:${(http.address() as AddressInfo).port}`;
  const captionUrl = createCaptionUrls(captionSigner, publicUrl);
  const organizerAuth = createOrganizerAuth({
    token: o.organizerToken,
    secret: o.linkSecret,
    secure: o.publicUrl?.startsWith('https:') ?? false,
    now,
  });
  const { parts: comments, mail: commentMail } = createCommentParts({
    db: o.db,
    repo,
    mailer: o.mailer,
    publicUrl,
    now,
    storage: o.commentStorage,
  });
  const records = createRecordService({
    repo,
    turns: createTurnRepo(o.db),
    captions,
    registrations: createRegistrationRepo(o.db),
    comments: comments.service,
    publicUrl,
    now,
  });
  const speakerFor = async (sessionId: string) => {
    const floor = await queue.floor(sessionId);
    // Q18: a signing speaker's lines say who voiced them.
    if (floor) return voicedName(floor.name, floor.voicedBy);
    return (await repo.firstModeratorName(sessionId)) ?? 'Moderator';
  };
  const ctx: RoomContext = {
    io,
    repo,
    registrations: createRegistrationRepo(o.db),
    signer,
    presence,
    media: o.media,
    mediaHealth,
    queue,
    captions,
    speakerFor,
    captionUrl,
    closing: createClosing(io, effects, (sessionId) => forget(sessionId)),
    audienceChanged: (sessionId) => audienceBroadcast.schedule(sessionId),
    forget: (sessionId) => forget(sessionId),
    nextRevision: createRevisionCounter(),
    now,
    log: createLogger('room'),
  };
  const audienceBroadcast = createAudienceBroadcaster(() => ctx);
  function forget(sessionId: string) {
    queue.forget(sessionId);
    void captions.forget(sessionId);
  }
  // Every page hears at once when the media server stops or starts answering (its own media
  // connection would take many seconds to notice), and reconnects as soon as it is back.
  // Every node probes the media server itself and tells its own clients.
  mediaHealth?.onChange((available) => io.local.emit('media:status', { available }));
  let stopping = false;

  const onInviteRevoked = async (sessionId: string, inviteId: string) => {
    await ctx.closing.closeInvite(sessionId, inviteId);
    await broadcastRoomState(ctx, sessionId);
  };

  const registrations = ctx.registrations;
  const manageSigner = createLinkSigner(o.linkSecret, MANAGE_AUDIENCE);
  const links = createRegistrationLinks({ join: signer, manage: manageSigner, publicUrl });
  const mail = createRegistrationMail({ mailer: o.mailer, links, log: createLogger('mail') });
  const registration = createRegistrationService({ repo, registrations, mail, onInviteRevoked, now });
  const manage = createManageService({ repo, registrations, registration, links, signer: manageSigner, now });
  const reminders = createReminders({
    repo,
    registrations,
    mail,
    now,
    windowMs: o.reminderWindowMs ?? 0,
    log: createLogger('mail'),
  });
  const stopReminders = reminders.start(REMINDER_RUN_MS);

  mountHttp(app, {
    security: { mediaUrl: o.media?.url ?? null, https: o.publicUrl?.startsWith('https:') ?? false },
    health: { repo, mediaHealth, mediaConfigured: o.media !== null, effects, stopping: () => stopping },
    metrics: { metrics, token: o.metricsToken ?? null },
    api: {
      repo,
      registrations,
      registration,
      records,
      manage,
      links,
      signer,
      captionSigner,
      captions,
      queue,
      media: o.media,
      effects,
      metrics,
      auth: organizerAuth,
      captionUrl,
      publicUrl,
      now,
      speakerFor,
      onInviteRevoked,
      advance: (sessionId, action) => applyLifecycle(ctx, sessionId, action, 'organizer'),
      requestsPerMinute: o.apiRequestsPerMinute ?? API_REQUESTS_PER_MINUTE,
      comments,
    },
    web: { repo, signer, now },
  });

  io.use(createSocketAuth(ctx));
  const commands = createCommandPipeline(ctx, o.commandsPerSecond, metrics.commandAnswered);
  metrics.countSockets(() => io.sockets.sockets.values());
  registerRoomHandlers(ctx, commands);
  registerInterpreterHandlers(ctx, commands);
  registerQueueHandlers(ctx, commands);
  registerCaptionHandlers(ctx, commands);
  registerSessionHandlers(ctx, commands);
  io.on('connection', (socket) => {
    commands.attach(socket);
    trackPresence(ctx, socket);
  });

  // The turn timer: warnings and time-up are decided by the queue machine from the stored deadline
  // (Q14). A tick that takes longer than the interval (a slow store) is not stacked on.
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    void Promise.all([
      queue.tick().catch((err: unknown) => logFailure(ctx.log, err, 'turn timer failed')),
      captions.tick().catch((err: unknown) => logFailure(ctx.log, err, 'caption tick failed')),
    ]).finally(() => (ticking = false));
  }, o.timerTickMs ?? TIMER_TICK_MS);
  timer.unref();

  return {
    http,
    io,
    listen: async (port, host) => {
      // A node of several is counted alive, with nobody connected, before it takes anyone.
      await cluster?.start();
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    sendReminders: () => reminders.run(),
    mailSettled: async () => void (await Promise.all([mail.settled(), commentMail.settled()])),
    mediaSettled: () => effects?.settled() ?? Promise.resolve(),
    close: async () => {
      stopping = true;
      // Behind a load balancer: out of its rotation first, so the reconnecting pages go elsewhere.
      if (o.drainMs) await new Promise((resolve) => setTimeout(resolve, o.drainMs));
      clearInterval(timer);
      stopReminders();
      audienceBroadcast.stop();
      // Mail under way first: its links need the server's address, gone once it closes.
      await Promise.all([mail.settled(), commentMail.settled()]);
      // The pages hear that this is a restart, not the end, and say so while they reconnect.
      // This node's pages only: the other nodes go on serving.
      await io.local
        .timeout(STOPPING_NOTICE_MS)
        .emitWithAck('server:stopping')
        .catch(() => undefined);
      // Stops accepting, disconnects every Socket.IO client and closes idle keep-alive connections;
      // a request under way gets a short grace to be answered, then every connection left is closed.
      // Its people count on the other nodes as soon as they reconnect there, not after a timeout.
      await cluster?.stop().catch((err: unknown) => ctx.log.warn({ err }, 'leaving the cluster failed'));
      const graceMs = 2_000;
      const closed = new Promise<void>((resolve) => void io.close(() => resolve()));
      const force = setTimeout(() => http.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(force);
    },
  };
}
