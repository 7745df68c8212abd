import { useId } from 'react';
import type { Settings } from '../../../main/contract/index';
import type { SettingsSectionProps } from './section-props';

type DeletedPolicy = Settings['upstreamDeleted'];

const policies: { value: DeletedPolicy; label: string; done: string }[] = [
  {
    value: 'keep',
    label: 'Keep it, marked "Removed from your account"',
    done: 'Videos deleted from your account are kept here and marked.',
  },
  {
    value: 'hide',
    label: 'Hide it from the library (the file stays on this device)',
    done: 'Videos deleted from your account are hidden here.',
  },
  {
    value: 'remove',
    label: 'Remove it from this device',
    done: 'Videos deleted from your account are removed from this device.',
  },
];

/** What the account's changes do to the saved copies, and the clean-up of Cloudflare downloads. */
export function UpstreamSettings(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your account and this device</h2>
      <div className="field">
        <label htmlFor={`${id}-deleted`}>When a saved video is deleted from your account</label>
        <select
          id={`${id}-deleted`}
          value={settings.upstreamDeleted}
          aria-describedby={`${id}-deleted-help`}
          onChange={(e) => {
            const chosen = policies.find((p) => p.value === e.target.value);
            if (chosen) void save({ upstreamDeleted: chosen.value }, chosen.done);
          }}
        >
          {policies.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <p id={`${id}-deleted-help`} className="field-help">
          Offstream checks the saved videos against your account when the library is refreshed and
          every few hours. A video with a deletion date set in Cloudflare shows that date, and the
          same choice applies when the date comes.
        </p>
      </div>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.deleteRemoteDownloads}
            aria-describedby={`${id}-cleanup-help`}
            onChange={(e) =>
              void save(
                { deleteRemoteDownloads: e.target.checked },
                e.target.checked
                  ? 'Downloads on Cloudflare will be deleted once saved here.'
                  : 'Downloads on Cloudflare will be left in place.',
              )
            }
          />
          Delete the download on Cloudflare once it is saved here
        </label>
        <p id={`${id}-cleanup-help`} className="field-help">
          Only for videos of the account you connected, whose downloads Offstream asked for. The
          video itself stays on Cloudflare; only its MP4 or M4A download file is deleted. Other
          devices will then have to ask Cloudflare to prepare it again. While the download exists,
          the MP4 of a public video can be fetched by anyone who has its link.
        </p>
      </div>
    </section>
  );
}
