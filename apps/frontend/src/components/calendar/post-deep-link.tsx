'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/** `/calendar?post=<id>` (a notification's link) opens that post, then tidies the address. */
export function PostDeepLink({ onOpen }: { onOpen: (postId: string) => void }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const postId = params.get('post');

  useEffect(() => {
    if (!postId) return;
    onOpen(postId);
    router.replace(pathname);
  }, [postId, onOpen, router, pathname]);

  return null;
}
