import { browser } from 'wxt/browser';
import type { RequestPayload, RequestType, Response, ResponseData } from './protocol';

/** Error answered by the background (the message reached it and was refused or failed). */
export class LensRequestError extends Error {
  override name = 'LensRequestError';
}

/** Sends one request to the background and returns its data, or throws with the background's own words. */
export async function request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<ResponseData[T]> {
  const response = (await browser.runtime.sendMessage({ type, ...payload })) as Response<T> | undefined;
  if (!response) throw new LensRequestError(`No answer to "${type}" from the background.`);
  if (!response.ok) throw new LensRequestError(response.error);
  return response.data;
}

export type RequestFn = typeof request;
