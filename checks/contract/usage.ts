// What a front-end does with the generated client, compiled by checks/contract.sh with `tsc --strict`: typed reads,
// and a change (an item of /changes, the data of an SSE frame) narrowed by its type to that type's data. A schema
// that loses its type, a renamed operation or a change type without its data schema breaks this file.
import {
  Change,
  ChangeFromJSON,
  ChangesPage,
  Configuration,
  FeedPage,
  PublicText,
  StoriesApi,
  StoryHeader,
} from './client/src';

const api = new StoriesApi(new Configuration({ basePath: 'http://localhost:8082' }));

/** A text a redaction can remove: the text, nothing, or {"redacted": true}. */
function text(value: PublicText | null): string {
  if (value === null) {
    return '';
  }
  return typeof value === 'string' ? value : '[redacted]';
}

/** One line per change type the page applies; the compiler knows each one's data. */
export function describe(change: Change): string {
  switch (change.type) {
    case 'story-opened':
      return `opened ${change.data.title} (${change.data.status})`;
    case 'story-closed':
      return `closed at ${change.data.coverageEndTime.toISOString()}`;
    case 'update-posted':
      return `posted ${change.data.id}: ${text(change.data.headline)}`;
    case 'update-edited':
    case 'update-corrected':
      return `changed ${change.data.id}: ${text(change.data.body)}`;
    case 'update-retracted':
      return `retracted ${change.data.id}`;
    case 'update-redacted':
      return `redacted ${change.data.id}: ${change.data.redacted.reason ?? ''}`;
    case 'update-pinned':
    case 'update-unpinned':
      return `${change.data.id} pinned: ${change.data.pinned}`;
    case 'analysis-attached':
      return `analysis ${text(change.data.title)} at ${change.data.anchorUpdateId ?? 'the story'}`;
    default:
      return change.type;
  }
}

/** The catch-up a page does after a reconnect: the changes after the last version it applied. */
export async function catchUp(storyId: string, since: number): Promise<string[]> {
  const page: ChangesPage = await api.getChanges({ storyId, since, limit: 100 });
  return page.changes.map(describe);
}

/** The first render: header and feed. */
export async function firstPage(storyId: string): Promise<[StoryHeader, FeedPage]> {
  return Promise.all([api.getStory({ storyId }), api.getFeed({ storyId, limit: 20 })]);
}

/** An SSE frame's data is one Change. */
export function frame(data: string): string {
  return describe(ChangeFromJSON(JSON.parse(data)));
}
