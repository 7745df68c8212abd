import { useCallback } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { Problem } from '../../../main/contract/index';
import { englishMessages, type MessageId } from './catalogues';
import { translate } from './use-t';

function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(englishMessages, id);
}

/**
 * A Problem from main in the person's language, by its stable code. English keeps main's own
 * words (they may name the video or the HTTP status); elsewhere the catalogue's sentence, with a
 * "(detail)" main appended kept as it is, and main's English when the code has no entry.
 */
export function localizeProblem(intl: IntlShape, problem: Problem): Problem {
  const messageId = `problem.${problem.code}.message`;
  const actionId = `problem.${problem.code}.action`;
  if (intl.locale === 'en' || !isMessageId(messageId)) return problem;
  const english = englishMessages[messageId];
  const detail = problem.message.startsWith(`${english} (`)
    ? problem.message.slice(english.length)
    : '';
  const localized: Problem = {
    code: problem.code,
    message: `${translate(intl, messageId)}${detail}`,
  };
  if (isMessageId(actionId)) localized.action = translate(intl, actionId);
  else if (problem.action) localized.action = problem.action;
  return localized;
}

export function useLocalizeProblem(): (problem: Problem) => Problem {
  const intl = useIntl();
  return useCallback((problem: Problem) => localizeProblem(intl, problem), [intl]);
}
