/**
 * The error catalogue: every code a person can meet (a download that stops, a refused call, a
 * library that cannot open), with a sentence that says what happened and what to do about it.
 * Every shell renders these as they are; errors that carry a sentence of their own (with the
 * video or the HTTP status in it) take their action from here.
 */
export const problemCatalogue = {
  auth_invalid: [
    'Cloudflare did not accept the API token.',
    'Check the token, or connect the account again.',
  ],
  auth_missing_permission: [
    'The API token is not allowed to do this.',
    'Create a token with the Stream Read and Stream Write permissions, then reconnect.',
  ],
  no_account: [
    'This download needs a Cloudflare account, and none is connected.',
    'Connect an account, or save the video from a signed download link.',
  ],
  video_not_found: [
    'This video no longer exists on the Cloudflare account.',
    'Remove it from the list; ask the publisher if it should still be there.',
  ],
  video_errored: [
    'Cloudflare could not process this video, so it cannot be downloaded.',
    'Ask the publisher to upload the video again.',
  ],
  video_processing: [
    'Cloudflare is still processing this video.',
    'The download will start by itself once the video is ready.',
  ],
  download_failed: [
    'Cloudflare could not prepare the download.',
    'Retry; if it fails again, ask the publisher.',
  ],
  preparation_stalled: [
    'Cloudflare has not made progress preparing this download for a long time.',
    'Retry later.',
  ],
  token_not_downloadable: [
    'This link does not allow downloads.',
    'Ask the publisher for a link with downloads enabled.',
  ],
  signed_url_expired: [
    'This download link has expired.',
    'Ask the publisher for a new link, or connect the account that owns the video.',
  ],
  url_forbidden: [
    'The download server refused the request.',
    'Retry; if it keeps failing, ask the publisher for a new link.',
  ],
  not_media: [
    'What arrived was not a playable video, so it was not saved.',
    'Retry once the network works normally.',
  ],
  disk_full: [
    'There is not enough free space on the disk for this video.',
    'Free some space, then resume.',
  ],
  storage_floor: [
    'This download is waiting: saving it would leave less free space on the disk than the free-space floor.',
    'Make room (Downloads lists what to remove), free space on the disk, or lower the floor in Settings; it continues by itself once there is room.',
  ],
  library_limit: [
    'This download is waiting: it would take the library past its size limit.',
    'Make room (Downloads lists what to remove), or raise the library size limit in Settings; it continues by itself once there is room.',
  ],
  library_unwritable: [
    'The library folder cannot be written.',
    'Check that the folder exists and that you may write to it, then retry.',
  ],
  captive_portal: [
    'The network answered with a web page instead of the video: it may need a sign-in.',
    'Open a browser, sign in to the Wi-Fi, and the download will continue.',
  ],
  network: [
    'The connection to Cloudflare failed.',
    'The download will continue by itself when the network is back.',
  ],
  proxy_auth: [
    'The proxy server refused the request: it needs a user name and password, or the ones given are wrong.',
    'Check the proxy user name and password in Settings (or HTTPS_PROXY for the command line), then retry.',
  ],
  tls_untrusted: [
    'The server’s certificate is not from an authority this computer trusts.',
    'On a company network that inspects HTTPS, install its root certificate in the system’s store (or set NODE_EXTRA_CA_CERTS for the command line), then retry.',
  ],
  redirect_refused: [
    'The download server sent the request on to an address Offstream does not follow (from https to unencrypted http, or redirects without end).',
    'Ask the publisher for a new link; if it keeps happening, report it.',
  ],
  server_error: ['Cloudflare had a temporary problem.', 'The download will try again by itself.'],
  rate_limited: [
    'Cloudflare asked us to slow down.',
    'The download will continue by itself shortly.',
  ],
  bad_response: [
    'Cloudflare sent an answer Offstream does not understand.',
    'Retry later; if it persists, report it.',
  ],
  bad_url: ['This is not a Cloudflare Stream download link.', 'Check the link and try again.'],
  outside_download_window: [
    'Downloads are set to run only within a time window, and it is closed now.',
    'It starts by itself when the window opens; change the download window in Settings to start sooner.',
  ],
  internal: ['Something unexpected went wrong.', 'Retry; if it persists, report it with the log.'],
  file_busy: [
    'A file of the library is in use by another program.',
    'Close the program that has it open (a player, a virus scan), then retry.',
  ],
  not_found: [
    'Cloudflare has no such video, or the API does not know the address asked.',
    'Refresh the catalogue, and check the account id and the API address.',
  ],
  video_not_ready: [
    'The video is not ready for downloads yet.',
    'Wait until Cloudflare has finished processing it.',
  ],
  proxy_config: [
    'The proxy setting is not a proxy address.',
    'Set the proxy as http://host:port (or socks5://host:port), or choose the system proxy.',
  ],
  library_corrupt: [
    'The library index is damaged.',
    'Restore it from an export, or start a new library folder and import an export into it.',
  ],
  library_too_new: [
    'The library was written by a newer Offstream.',
    'Update Offstream, or open another library folder.',
  ],
  library_missing: [
    'The library folder is not there.',
    'Reconnect the drive that holds it, or choose another folder.',
  ],
  library_migration_failed: [
    'The library could not be brought up to date; it was left as it was.',
    'Retry; if it keeps failing, report it with the log.',
  ],
  video_not_saved: ['This video is not saved on this device.', 'Download it first.'],
  export_target_unusable: [
    'The export folder cannot be used.',
    'Choose an empty folder, or a previous export to overwrite.',
  ],
  export_source_corrupt: [
    'A saved file no longer matches its recorded hash, so it was not exported.',
    'Run verify, save the video again, then export.',
  ],
  import_manifest_invalid: [
    'This folder is not an Offstream export.',
    'Choose the folder that `offstream export` wrote.',
  ],
  import_too_new: [
    'The export was written by a newer Offstream.',
    'Update Offstream, then import.',
  ],
  import_incomplete: [
    'The export is missing files its manifest lists; nothing was imported.',
    'Copy the export again, then import.',
  ],
  import_tampered: [
    'A file of the export does not match its recorded hash; nothing was imported.',
    'Copy the export again from the original, then import.',
  ],
  import_not_plain: [
    'The export holds links or special files; nothing was imported.',
    'Export again from the original library.',
  ],
  import_not_media: [
    'A file of the export is not a playable video; nothing was imported.',
    'Export again from the original library.',
  ],
  import_would_replace: [
    'The library holds other copies of some videos of the export; they were left out.',
    'Import with --replace (or choose "Replace them") if the export’s copies should win.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type ProblemCode = keyof typeof problemCatalogue;
/** The codes a stopped download can carry. */
export type JobProblemCode = ProblemCode;

/** What to do about a code, if the catalogue knows it. */
export function actionFor(code: string): string | undefined {
  return Object.hasOwn(problemCatalogue, code)
    ? problemCatalogue[code as ProblemCode][1]
    : undefined;
}

export interface JobProblem {
  code: JobProblemCode;
  message: string;
  action: string;
}

export function problem(code: JobProblemCode, detail?: string): JobProblem {
  const [message, action] = problemCatalogue[code];
  return { code, message: detail ? `${message} (${detail})` : message, action };
}
