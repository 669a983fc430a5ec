/** Largest page any list field returns; a larger `first` is capped to it (and the gateway's cost model knows it). */
export const MAX_PAGE_SIZE = 100;
