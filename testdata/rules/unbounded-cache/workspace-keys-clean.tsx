// In a client, a workspace id names one of the few workspaces the signed-in
// user belongs to: a cache per workspace holds one entry for each.
import { useEffect, useState } from "react";

interface WorkspaceMetadata {
  id: string;
  flavour: string;
}

declare function loadAvatar(id: string): Promise<ImageBitmap>;
declare class DocCollection {
  constructor(id: string);
}

const avatars = new Map<string, ImageBitmap>();

export const WorkspaceAvatar = ({ meta, size }: { meta: WorkspaceMetadata } & { size: number }) => {
  const [image, setImage] = useState(avatars.get(meta.id));
  useEffect(() => {
    let canceled = false;
    loadAvatar(meta.id).then((bitmap) => {
      if (canceled) return;
      avatars.set(meta.id, bitmap);
      setImage(bitmap);
    });
    return () => {
      canceled = true;
    };
  }, [meta]);
  return <img width={size} src={image ? "blob:" : ""} />;
};

const shells = new Map<string, DocCollection>();

export function shellFor(workspaceId: string): DocCollection {
  let shell = shells.get(workspaceId);
  if (!shell) {
    shell = new DocCollection(workspaceId);
    shells.set(workspaceId, shell);
  }
  return shell;
}
