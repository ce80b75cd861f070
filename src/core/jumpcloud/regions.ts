/** JumpCloud's regional consoles; each serves v1 under `/api` and v2 under `/api/v2`. */
export type Region = 'us' | 'eu' | 'in';
export const REGIONS: readonly Region[] = ['us', 'eu', 'in'];

/** US is in both specs; EU in the specs' `x-ms-parameterized-host`; IN in the vendor module and the upstream servers list. */
export const REGION_BASE_URLS: Readonly<Record<Region, string>> = {
  us: 'https://console.jumpcloud.com',
  eu: 'https://console.eu.jumpcloud.com',
  in: 'https://console.in.jumpcloud.com',
};

/** The base URL without a trailing slash, so joining `/api/...` never gives `//`. */
export function baseUrlFor(options: { region?: Region; baseUrl?: string }): string {
  const url = options.baseUrl ?? REGION_BASE_URLS[options.region ?? 'us'];
  return url.replace(/\/+$/, '');
}
