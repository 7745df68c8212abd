import type { ListVideosParams, StreamClient } from '../../stream/client';
import type { Video } from '../../stream/schemas';
import type { LibrarySession } from '../library-session';

/** The account's videos (all pages), remembered in the catalogue so later commands know them. */
export async function listAccountVideos(
  session: LibrarySession,
  stream: StreamClient,
  params: ListVideosParams = {},
): Promise<Video[]> {
  const videos: Video[] = [];
  for await (const video of stream.listAllVideos(params)) videos.push(video);
  session.library.upsertCatalogue(videos);
  return videos;
}
