/**
 * Everything a person can meet when a download does not finish: a stable code, a sentence that
 * says what happened, and what to do about it. The UI and the CLI show these as they are.
 */
export const jobProblems = {
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
  internal: ['Something unexpected went wrong.', 'Retry; if it persists, report it with the log.'],
} as const satisfies Record<string, readonly [string, string]>;

export type JobProblemCode = keyof typeof jobProblems;

export interface JobProblem {
  code: JobProblemCode;
  message: string;
  action: string;
}

export function problem(code: JobProblemCode, detail?: string): JobProblem {
  const [message, action] = jobProblems[code];
  return { code, message: detail ? `${message} (${detail})` : message, action };
}
