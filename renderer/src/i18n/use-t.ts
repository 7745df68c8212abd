import { useCallback } from 'react';
import { type IntlShape, type MessageDescriptor, type PrimitiveType, useIntl } from 'react-intl';
import type { MessageId } from './catalogues';

export type MessageValues = Record<string, PrimitiveType>;
export type Translate = (id: MessageId, values?: MessageValues) => string;

/** One message as text, for code that holds an IntlShape but is not a component. */
export function translate(intl: IntlShape, id: MessageId, values?: MessageValues): string {
  const descriptor: MessageDescriptor = { id };
  return String(intl.formatMessage(descriptor as never, values));
}

/** `t('nav.library')`: the current locale's text for a message id, with its ICU arguments. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((id, values) => translate(intl, id, values), [intl]);
}
