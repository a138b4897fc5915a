'use client';

import { useEffect, useState } from 'react';
import type { Binder, BinderNode } from '@/lib/manuscript/binder';

const rememberedKey = (manuscriptId: string) => `scriptorium.scene.${manuscriptId}`;

/**
 * The scene on screen. It stays put whatever co-authors do to the binder: the one chosen (remembered
 * per manuscript), else the first at opening time, pinned; only if it leaves the binder do we move on.
 */
export function useOpenScene(binder: Binder | null, manuscriptId: string): { scene: BinderNode | undefined; choose: (sceneId: string) => void } {
  const [chosenSceneId, setChosenSceneId] = useState<string | null>(null);
  const chosen = chosenSceneId ? binder?.scenes.find((s) => s.id === chosenSceneId) : undefined;
  const scene = chosen ?? binder?.scenes[0];
  useEffect(() => {
    if (!binder || chosen) return;
    const remembered = localStorage.getItem(rememberedKey(manuscriptId));
    const next = binder.scenes.find((s) => s.id === remembered) ?? binder.scenes[0];
    if (next) setChosenSceneId(next.id);
  }, [binder, chosen, manuscriptId]);
  const choose = (sceneId: string) => {
    setChosenSceneId(sceneId);
    localStorage.setItem(rememberedKey(manuscriptId), sceneId);
  };
  return { scene, choose };
}

/**
 * What the scene editor prints above a scene: the title of the chapter holding it (none outside a
 * chapter), and whether it is that chapter's first scene, whose opening heading may repeat the title.
 */
export function chapterAround(binder: Binder, scene: BinderNode): { chapterTitle: string | undefined; opensChapter: boolean } {
  const parent = scene.parentId ? binder.byId.get(scene.parentId) : undefined;
  return {
    chapterTitle: parent?.kind === 'chapter' ? parent.title : undefined,
    opensChapter: parent?.children.find((child) => child.kind === 'scene')?.id === scene.id,
  };
}
