// Writes the unit-length all-MiniLM-L6-v2 (quantised) vector of each line of <name>.txt to <name>.f32, as TextEmbeddings does.
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.*; import java.io.*; import java.util.*; import java.nio.*;
public class Dump { public static void main(String[] a) throws Exception {
  var m = new AllMiniLmL6V2QuantizedEmbeddingModel();
  for (String name : a) {
    List<String> lines = Files.readAllLines(Path.of(name + ".txt"));
    ByteBuffer buf = ByteBuffer.allocate(lines.size()*384*4).order(ByteOrder.LITTLE_ENDIAN);
    long t0=System.nanoTime();
    for (String s : lines) { float[] v = m.embed(s.strip()).content().vector(); double n=0; for(float x:v) n+=x*x; n=Math.sqrt(n); for(float x:v) buf.putFloat((float)(x/n)); }
    Files.write(Path.of(name + ".f32"), buf.array());
    System.out.println(name+" "+lines.size()+" in "+(System.nanoTime()-t0)/1e9+" s");
  }}}
