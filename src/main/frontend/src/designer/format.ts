// How the designer writes versions (times: dateTime of ../lib/time, as on every page).

export const v = (version: number) => `v${version}`;
