package io.gen4j.data.download;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a named dataset is and where it comes from.
 *
 * @param name the {@code data.type}, and the name of its download folder and mirror folder
 * @param description one line for {@code gen4j datasets} and {@code gen4j data list}
 * @param licence its licence or terms of use, in a few words
 * @param officialBase the publisher's base URL; each file is {@code officialBase + "/" + file.name()}
 * @param files the files it is made of
 * @param classNames the name of each label
 */
public record NamedDataset(
    String name, String description, String licence, String officialBase, List<RemoteFile> files,
    List<String> classNames) {

  public NamedDataset {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(licence, "licence is null");
    requireNonNull(officialBase, "officialBase is null");
    files = List.copyOf(files);
    classNames = List.copyOf(classNames);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(name + " has no files");
    }
  }

  /** The file of a given name. */
  public RemoteFile file(String fileName) {
    return files.stream()
        .filter(file -> file.name().equals(fileName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no file " + fileName));
  }

  /** The bytes of all its files. */
  public long size() {
    return files.stream().mapToLong(RemoteFile::size).sum();
  }

  /** This dataset served from another base URL (for tests against a local server). */
  public NamedDataset withOfficialBase(String base) {
    return new NamedDataset(name, description, licence, base, files, classNames);
  }

  /** This dataset with other files (for tests with small archives of the same layout). */
  public NamedDataset withFiles(List<RemoteFile> other) {
    return new NamedDataset(name, description, licence, officialBase, other, classNames);
  }
}
