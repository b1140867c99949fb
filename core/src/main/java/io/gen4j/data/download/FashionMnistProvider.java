package io.gen4j.data.download;

import java.util.List;

/**
 * {@code fashion-mnist}: Zalando's Fashion-MNIST (Xiao, Rasul and Vollgraf 2017), 60,000 train and
 * 10,000 test images of 28x28 grey clothing in 10 classes, from its official site. MIT licence. The
 * checksums of the gzip files are the published ones (also in TensorFlow Datasets); the checksums of
 * their content let the same data compressed otherwise (as Debian's {@code dataset-fashion-mnist}
 * ships it) or uncompressed be imported.
 */
public final class FashionMnistProvider extends MnistLikeProvider {

  /** The {@code data.type}. */
  public static final String NAME = "fashion-mnist";

  /** Fashion-MNIST as its publisher serves it. */
  public static final NamedDataset DATASET = new NamedDataset(
      NAME,
      "Fashion-MNIST clothing, downloaded (60,000 train + 10,000 test, 28x28 grey, 10 classes)",
      "MIT (Zalando SE)",
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com",
      List.of(
          new RemoteFile(TRAIN_IMAGES, 26_421_880,
              "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
          new RemoteFile(TRAIN_LABELS, 29_515,
              "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
          new RemoteFile(TEST_IMAGES, 4_422_102,
              "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
          new RemoteFile(TEST_LABELS, 5_148,
              "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
          "Ankle boot"));

  public FashionMnistProvider() {
    this(DATASET, new Downloader());
  }

  FashionMnistProvider(NamedDataset dataset, Downloader downloader) {
    super(dataset, downloader);
  }
}
