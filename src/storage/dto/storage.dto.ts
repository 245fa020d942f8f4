/** A configured storage. */
export class StorageDto {
  /** Id of the storage, used in the other storage routes. */
  id: string;
  /** Name to show in the UI. */
  name: string;
}
