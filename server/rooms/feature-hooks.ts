import type { FeatureMessage, Member, MessageHandlers, RoomFeature } from './feature';

type Hook = Exclude<keyof RoomFeature, 'messages'>;
type With<K extends Hook> = RoomFeature & Required<Pick<RoomFeature, K>>;

const having = <K extends Hook>(features: readonly RoomFeature[], hook: K): With<K>[] => features.filter((feature): feature is With<K> => feature[hook] !== undefined);

/** A room's features, sorted by hook once when the room is built, so the hot path never asks who implements what. */
export class FeatureHooks {
  readonly onJoin: With<'onJoin'>[];
  readonly beforeUpdate: With<'beforeUpdate'>[];
  readonly afterStore: With<'afterStore'>[];
  readonly onLeave: With<'onLeave'>[];
  readonly beforeUnload: With<'beforeUnload'>[];
  readonly onRemote: With<'onRemote'>[];
  readonly dispose: With<'dispose'>[];
  private readonly handlers: MessageHandlers = {};

  constructor(features: readonly RoomFeature[]) {
    this.onJoin = having(features, 'onJoin');
    this.beforeUpdate = having(features, 'beforeUpdate');
    this.afterStore = having(features, 'afterStore');
    this.onLeave = having(features, 'onLeave');
    this.beforeUnload = having(features, 'beforeUnload');
    this.onRemote = having(features, 'onRemote');
    this.dispose = having(features, 'dispose');
    for (const feature of features) {
      for (const [type, handler] of Object.entries(feature.messages ?? {}) as [FeatureMessage['type'], MessageHandlers[FeatureMessage['type']]][]) {
        if (this.handlers[type]) throw new Error(`two room features answer "${type}" messages`);
        (this.handlers as Record<string, unknown>)[type] = handler;
      }
    }
  }

  /** Hands a message to the feature that answers its type; a type no feature answers is ignored. */
  dispatch(member: Member, message: FeatureMessage): void {
    const handler = this.handlers[message.type] as ((member: Member, message: FeatureMessage) => void) | undefined;
    handler?.(member, message);
  }
}
